package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * The error policies of routes/00-platform/error-handling.camel.yaml on shipped routes: every
 * shipped route names a policy that exists (and sits in a file named after it), and a timer whose
 * run fails runs again at its next tick (timer-errors).
 */
class ErrorPoliciesRouteTest {

  @Test
  void everyShippedRouteNamesAPolicyThatExistsAndItsFileIsNamedAfterIt() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of("routes"))) {
      files = walk.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList();
    }
    Pattern topLevelId = Pattern.compile("(?m)^    (?:id|routeId): (\\S+)$");
    for (Path file : files) {
      String stem = file.getFileName().toString().replace(".camel.yaml", "");
      List<String> ids =
          topLevelId.matcher(Files.readString(file)).results().map(m -> m.group(1)).toList();
      if (!stem.equals("error-handling")) {
        assertThat(ids).as("route ids in %s", file).contains(stem);
      }
    }
    try (DefaultCamelContext camel = new DefaultCamelContext()) {
      PluginHelper.getRoutesLoader(camel)
          .loadRoutes(
              files.stream().map(f -> ResourceHelper.resolveResource(camel, "file:" + f)).toList());
      Set<String> policies =
          camel.getRouteConfigurationDefinitions().stream()
              .map(c -> c.getId())
              .collect(Collectors.toSet());
      assertThat(camel.getRouteDefinitions())
          .isNotEmpty()
          .allSatisfy(
              route ->
                  assertThat(route.getRouteConfigurationId())
                      .as("the policy of %s", route.getId())
                      .isIn(policies));
      assertThat(camel.getRouteTemplateDefinitions())
          .allSatisfy(
              template ->
                  assertThat(template.getRoute().getRouteConfigurationId())
                      .as("the policy of template %s", template.getId())
                      .isIn(policies));
    }
  }

  /** Stands in for menuSource: the POS is down for the first two refreshes. */
  public static class FlakyMenu {
    final AtomicInteger calls = new AtomicInteger();

    public void refresh() {
      if (calls.incrementAndGet() <= 2) {
        throw new IllegalStateException("POS catalog unreachable");
      }
    }
  }

  @Test
  void aTimerWhoseRunFailsRunsAgainAtTheNextTick() throws Exception {
    FlakyMenu menu = new FlakyMenu();
    try (DefaultCamelContext camel = ShippedRoutes.load("50-pos/menu-refresh.camel.yaml")) {
      camel.getPropertiesComponent().addInitialProperty("omnichannel.menu.refresh-period-ms", "20");
      camel.getRegistry().bind("menuSource", menu);
      camel.start();

      await().atMost(Duration.ofSeconds(10)).until(() -> menu.calls.get() >= 4);
      assertThat(camel.getRouteDefinition("menu-refresh").getRouteConfigurationId())
          .isEqualTo("timer-errors");
      assertThat(camel.getRouteController().getRouteStatus("menu-refresh").isStarted()).isTrue();
    }
  }
}
