package com.posmodern.omnichannel.routes;

import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * A bare CamelContext with routes loaded from the shipped YAML under {@code routes/}, the error
 * policies always among them, and the properties the routes read: for route tests with stand-in
 * beans.
 */
public final class ShippedRoutes {

  private ShippedRoutes() {}

  public static DefaultCamelContext load(String... files) throws Exception {
    DefaultCamelContext camel = new DefaultCamelContext();
    Properties properties = new Properties();
    properties.setProperty("omnichannel.outbound.max-redeliveries", "2");
    properties.setProperty("omnichannel.outbound.redelivery-delay-ms", "10");
    properties.setProperty("omnichannel.outbound.max-redelivery-delay-ms", "20");
    properties.setProperty("omnichannel.marketing.max-redeliveries", "1");
    properties.setProperty("omnichannel.marketing.redelivery-delay-ms", "10");
    camel.getPropertiesComponent().setInitialProperties(properties);
    load(camel, "00-platform/error-handling.camel.yaml");
    for (String file : files) {
      load(camel, file);
    }
    return camel;
  }

  private static void load(DefaultCamelContext camel, String file) throws Exception {
    PluginHelper.getRoutesLoader(camel)
        .loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/" + file));
  }
}
