package com.posmodern.omnichannel.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.campaign.CampaignCustomers;
import com.posmodern.omnichannel.support.Chromium;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import com.posmodern.omnichannel.support.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The web console in a real headless Chromium, against the app on its one-command defaults (every
 * channel sandboxed): a whole order on each channel played in the simulator (through the signed
 * public webhooks, replies streamed from the sandbox records), paid at the sandbox checkout and
 * followed through the POS's status events; and the agent inbox taking over a conversation.
 * WhatsApp has quick-reply content templates configured (as after the content setup), so its short
 * choices come as buttons and its longer ones as numbered lists. Screenshots go to target/console/.
 */
@Tag("browser")
@DirtiesContext
@Import(EndToEndTestSupport.TestClock.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:console;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
      "omnichannel.security.agent.password=" + WebConsoleBrowserTest.AGENT_PASSWORD,
      "omnichannel.security.operator.password=" + WebConsoleBrowserTest.OPERATOR_PASSWORD,
      "omnichannel.whatsapp.content-sids.quick-reply-1=HX00000000000000000000000000000001",
      "omnichannel.whatsapp.content-sids.quick-reply-2=HX00000000000000000000000000000002",
      "omnichannel.whatsapp.content-sids.quick-reply-3=HX00000000000000000000000000000003"
    })
class WebConsoleBrowserTest {

  static final String AGENT_PASSWORD = "console-agent-password";
  static final String OPERATOR_PASSWORD = "console-operator-password";

  @LocalServerPort int port;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  private Chromium chromium;
  private WebDriver browser;
  private FluentWait<WebDriver> wait;

  @BeforeEach
  void startChromium() throws IOException {
    // A phone-sized window: the pages must work there.
    chromium = new Chromium("pt-BR", 420, 900, Path.of("target", "console"));
    browser = chromium.driver();
    wait = waiting();
  }

  @AfterEach
  void stopChromium() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void aWholeOrderOnWhatsAppWithButtonsNumberedListsAndPix() throws IOException {
    Customer maria = openSimulator().open("whatsapp", "Maria Souza", "+5511970000001");

    maria.says("oi");
    maria.expects("Bem-vindo(a) à Cantina Sabor da Vila");
    maria.expects("O que você gostaria de ver no cardápio?\n1. Pizzas\n2. Lanches");
    maria.says("quero um x-salada e uma coca lata");
    maria.expects("1x X-Salada — R$ 28,90");
    maria.taps(".wa-button", "Finalizar pedido");
    maria.taps(".wa-button", "Retirar no balcão");
    maria.taps(".wa-button", "Maria Souza");
    maria.expects("Retirada no balcão por Maria Souza");
    maria.taps(".wa-button", "Confirmar pedido");
    maria.taps(".wa-button", "PIX");
    WebElement pix = maria.waitFor(".pix-code");
    assertThat(pix.getText()).startsWith("000201").contains("br.gov.bcb.pix").contains("5303986");
    assertThat(maria.waitFor("img.media").getAttribute("src")).contains("/payments/pix/");
    maria.expects("Ou leia este QR Code no app do seu banco.");
    chromium.screenshot("whatsapp-1-pix.png");

    String order = maria.order();
    maria.payInSandbox();
    maria.expects("Pagamento do pedido #" + order + " confirmado");
    maria.pos("accepted");
    maria.expects("aceitou seu pedido #" + order);
    maria.pos("ready_for_pickup");
    maria.expects("Seu pedido #" + order + " está pronto para retirada no balcão!");
    maria.pos("delivered");
    maria.expects("Que nota você dá, de 1 a 5?");
    chromium.screenshot("whatsapp-2-delivered.png");

    // After a reload the conversation is there again, the customer's messages among the replies.
    browser.navigate().refresh();
    WebElement again = wait.until(d -> visible(d, ".chat[data-customer='+5511970000001']"));
    wait.until(
        d ->
            again.findElements(By.cssSelector(".messages > *")).stream()
                .anyMatch(e -> e.getText().contains("Que nota você dá")));
    List<WebElement> shown = again.findElements(By.cssSelector(".messages > .msg"));
    assertThat(shown.get(0).getDomAttribute("class")).contains("in");
    assertThat(shown.get(0).getText()).isEqualTo("oi");
    assertThat(shown.get(1).getText()).contains("Bem-vindo(a) à Cantina Sabor da Vila");
    assertThat(shown.get(3).getText()).isEqualTo("quero um x-salada e uma coca lata");
  }

  @Test
  void aWholeOrderOnMessengerWithChipsCarouselsAndTheSandboxCheckout() throws IOException {
    Customer joao = openSimulator().open("messenger", "João Lima", "900000000000501");

    joao.says("oi");
    joao.taps(".chip", "Pizzas");
    WebElement card = joao.card("Pizza de Calabresa");
    assertThat(card.findElement(By.cssSelector(".subtitle")).getText()).contains("R$ 44,90");
    assertThat(joao.chat.findElements(By.cssSelector(".carousel .card")).size()).isGreaterThan(1);
    chromium.screenshot("messenger-1-carousel.png");
    joao.mark();
    click(card.findElement(By.cssSelector("button.card-button")));
    joao.taps(".card-button", "Grande R$ 54,90");
    joao.taps(".chip", "Sem adicionais");
    joao.taps(".chip", "1");
    joao.taps(".card-button", "Finalizar pedido");
    joao.taps(".card-button", "Retirar no balcão");
    joao.expects("Em nome de quem é o pedido?");
    joao.says("João Lima");
    joao.expects("Qual o seu telefone com DDD?");
    joao.says("11987650002");
    joao.taps(".card-button", "Confirmar pedido");
    joao.taps(".card-button", "Cartão de crédito");
    String order = joao.order();
    joao.payInSandbox();
    joao.expects("Pagamento do pedido #" + order + " confirmado");
    joao.pos("accepted");
    joao.expects("aceitou seu pedido #" + order);
    joao.pos("delivered");
    joao.taps(".chip", "⭐⭐⭐⭐⭐");
    joao.expects("comentário");
    chromium.screenshot("messenger-2-rated.png");
  }

  @Test
  void aWholeOrderOnInstagramWithQuickRepliesAndImages() throws IOException {
    Customer ana = openSimulator().open("instagram", "Ana Costa", "900000000000601");

    ana.says("oi");
    ana.taps(".chip", "Pizzas");
    ana.card("Pizza Margherita");
    ana.says("quero uma pizza margherita média");
    ana.expects("1x Pizza Margherita (Média) — R$ 42,90");
    ana.taps(".chip", "Finalizar pedido");
    ana.taps(".card-button,.chip", "Retirar no balcão");
    ana.expects("Em nome de quem é o pedido?");
    ana.says("Ana Costa");
    ana.expects("Qual o seu telefone com DDD?");
    ana.says("11987650003");
    ana.taps(".card-button,.chip", "Confirmar pedido");
    ana.taps(".card-button,.chip", "PIX");
    assertThat(ana.waitFor(".pix-code").getText()).startsWith("000201");
    assertThat(ana.waitFor("img.media").getAttribute("src")).contains("/payments/pix/");
    String order = ana.order();
    ana.pos("accepted");
    ana.expects("aceitou seu pedido #" + order);
    chromium.screenshot("instagram-1-accepted.png");
  }

  @Test
  void anAgentTakesOverFromTheInboxAndHandsBack() throws IOException {
    Customer pedro = openSimulator().open("messenger", "Pedro Alves", "900000000000701");
    pedro.says("oi");
    pedro.expects("O que você gostaria de ver no cardápio?");
    String simulator = browser.getWindowHandle();

    // The agent's inbox, in another tab: an anonymous visitor is sent to the login page first.
    browser.switchTo().newWindow(WindowType.TAB);
    String inbox = browser.getWindowHandle();
    browser.get(base() + "/inbox");
    wait.until(d -> d.getCurrentUrl().endsWith("/login"));
    assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("Entrar");
    login("agent", AGENT_PASSWORD);
    // Back where the agent was going (Spring adds ?continue to a saved request's URL).
    wait.until(d -> d.getCurrentUrl().matches(".*/inbox(\\?continue)?"));
    // The waiting list has arrived: from now on, a new hand-over is an arrival.
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-live")));

    browser.switchTo().window(simulator);
    pedro.says("quero falar com um atendente");
    pedro.expects("atendente");

    browser.switchTo().window(inbox);
    WebElement alert = wait.until(d -> visible(d, "#alert"));
    assertThat(alert.getText()).contains("Cliente pedindo atendimento", "Messenger");
    WebElement waiting =
        wait.until(d -> visible(d, "#waiting li[data-conversation*='900000000000701']"));
    assertThat(waiting.getText()).contains("Messenger", "aguardando há", "Janela aberta até");
    chromium.screenshot("inbox-1-alert.png");
    waiting.click();
    wait.until(
        d ->
            d.findElements(By.cssSelector("#history .entry")).stream()
                .anyMatch(e -> e.getText().contains("quero falar com um atendente")));
    browser.findElement(By.id("reply-text")).sendKeys("Oi Pedro, aqui é a Joana. Como ajudo?");
    browser.findElement(By.cssSelector("#reply-form button[type=submit]")).click();
    wait.until(d -> d.findElement(By.id("reply-result")).getText().equals("Enviado."));
    wait.until(
        d ->
            d.findElements(By.cssSelector("#history .entry")).stream()
                .anyMatch(e -> e.getText().contains("aqui é a Joana")));
    chromium.screenshot("inbox-2-answered.png");

    browser.switchTo().window(simulator);
    pedro.expects("Oi Pedro, aqui é a Joana. Como ajudo?");
    assertThat(pedro.last(".msg.out").getText()).contains("HUMAN_AGENT");

    browser.switchTo().window(inbox);
    browser.findElement(By.id("handback")).click();
    wait.until(
        d ->
            d.findElements(By.cssSelector("#waiting li[data-conversation*='900000000000701']"))
                .isEmpty());
    assertThat(browser.findElement(By.id("reply-result")).getText())
        .isEqualTo("Conversa devolvida ao robô.");

    browser.switchTo().window(simulator);
    pedro.expects("O que você gostaria de ver no cardápio?");
  }

  @Test
  void aReplyOutsideThePlatformsWindowIsRefusedWithTheReason() throws IOException {
    Customer rita = openSimulator().open("whatsapp", "Rita Dias", "+5511970000099");
    rita.says("oi");
    rita.expects("O que você gostaria de ver no cardápio?");
    rita.says("falar com atendente");
    rita.expects("atendente");
    browser.switchTo().newWindow(WindowType.TAB);
    browser.get(base() + "/inbox");
    login("agent", AGENT_PASSWORD);
    WebElement waiting =
        wait.until(d -> visible(d, "#waiting li[data-conversation*='+5511970000099']"));
    assertThat(waiting.getText()).contains("Rita Dias", "WhatsApp", "Janela aberta até");
    waiting.click();
    try {
      // A day and an hour later: WhatsApp takes no free-form reply 24 hours after the customer's
      // last message, from a person either.
      clock.plus(Duration.ofHours(25));
      wait.until(d -> d.findElement(By.id("window-state")).getText().startsWith("Janela fechada"));
      browser.findElement(By.id("reply-text")).sendKeys("Ainda está aí?");
      browser.findElement(By.cssSelector("#reply-form button[type=submit]")).click();
      wait.until(d -> d.findElement(By.id("reply-result")).getText().startsWith("Recusado: "));
      assertThat(browser.findElement(By.id("reply-result")).getText())
          .isEqualTo(
              "Recusado: a plataforma só aceita resposta até 24 horas depois da última mensagem do"
                  + " cliente.");
      chromium.screenshot("inbox-3-window-closed.png");
    } finally {
      clock.plus(Duration.ofHours(-25));
    }
  }

  @Test
  void signingOutEndsTheLiveListOfEveryInboxTab() {
    browser.get(base() + "/inbox");
    login("agent", AGENT_PASSWORD);
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-live")));
    String first = browser.getWindowHandle();

    browser.switchTo().newWindow(WindowType.TAB);
    browser.get(base() + "/inbox");
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-live")));
    browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
    wait.until(d -> d.getCurrentUrl().endsWith("/login?logout"));
    assertThat(browser.findElement(By.id("login-logout")).isDisplayed()).isTrue();

    // The other tab's stream ends with the session; the page says so and goes to the login.
    browser.switchTo().window(first);
    wait.until(
        d -> d.findElement(By.id("alert")).getText().equals("Sessão encerrada: entre de novo."));
    wait.until(d -> d.getCurrentUrl().endsWith("/login"));
  }

  @Test
  void theInboxRefusesOtherAccountsAndWrongPasswords() {
    browser.get(base() + "/inbox");
    wait.until(d -> d.getCurrentUrl().endsWith("/login"));
    login("agent", "not-the-password");
    wait.until(d -> d.getCurrentUrl().endsWith("/login?error"));
    assertThat(browser.findElement(By.id("login-error")).isDisplayed()).isTrue();

    // The operator's account is not an agent's: the inbox and the agent API refuse it.
    login("operator", OPERATOR_PASSWORD);
    wait.until(d -> !d.getCurrentUrl().contains("/login"));
    browser.get(base() + "/inbox");
    wait.until(d -> d.getPageSource().contains("403"));
    assertThat(browser.findElements(By.id("waiting"))).isEmpty();
    browser.get(base() + "/api/agent/conversations");
    assertThat(browser.getPageSource()).contains("403").doesNotContain("conversationId");
  }

  @Test
  void anOperatorDryRunsCreatesAndStartsACampaignAndWatchsItFinish() throws IOException {
    CampaignCustomers customers = new CampaignCustomers(jdbc);
    Instant now = clock.instant();
    for (int i = 0; i < 3; i++) {
      String phone = "+55119222200" + i;
      customers.customer(phone, "Cliente " + i, now);
      customers.consent(phone, i < 2 ? "OPT_IN" : "OPT_OUT", now.minusSeconds(60));
      customers.order("BR00000" + i, phone, "02220-000", now.minus(Duration.ofDays(3)));
    }
    browser.get(base() + "/campaigns");
    wait.until(d -> d.getCurrentUrl().endsWith("/login"));
    login("operator", OPERATOR_PASSWORD);
    wait.until(d -> d.getCurrentUrl().contains("/campaigns"));

    click(browser.findElement(By.id("new-campaign")));
    browser.findElement(By.id("f-name")).sendKeys("Volta da pizza");
    browser.findElement(By.id("f-cepPrefixes")).sendKeys("02220");
    browser.findElement(By.id("f-contentSid")).sendKeys("HX" + "f".repeat(32));
    browser.findElement(By.id("f-text")).sendKeys("Oi {{1}}! Que tal uma pizza hoje?");
    browser.findElement(By.id("f-variables")).sendKeys("1=amigo");
    browser.findElement(By.id("f-rate")).clear();
    browser.findElement(By.id("f-rate")).sendKeys("600");
    click(browser.findElement(By.id("dry-run")));
    wait.until(
        d -> d.findElement(By.id("dry-run-reach")).getText().equals("Clientes alcançados: 2"));
    assertThat(browser.findElement(By.id("dry-run-result")).getText())
        .contains("Oi amigo! Que tal uma pizza hoje?", "sem consentimento: 1");
    chromium.screenshot("campaigns-1-dry-run.png");
    assertThat(jdbc.sql("select count(*) from campaign").query(Integer.class).single())
        .as("a dry run stores nothing")
        .isZero();

    click(browser.findElement(By.id("create")));
    wait.until(d -> d.findElement(By.id("campaign-status")).getText().equals("Rascunho"));
    wait.until(
        d -> {
          click(d.findElement(By.cssSelector("[data-action=start]")));
          return true;
        });
    wait.until(d -> d.findElement(By.id("campaign-status")).getText().equals("Concluída"));
    wait.until(
        d ->
            d.findElement(By.cssSelector("[data-count='cmp.recipients.sent'] td"))
                .getText()
                .equals("2"));
    assertThat(browser.findElement(By.cssSelector("#campaigns li")).getText())
        .contains("Volta da pizza", "Concluída", "2 / 2");
    chromium.screenshot("campaigns-2-finished.png");

    // A misspelt template SID is refused with the API's reason, in the page.
    click(browser.findElement(By.id("new-campaign")));
    browser.findElement(By.id("f-name")).sendKeys("Errada");
    browser.findElement(By.id("f-contentSid")).sendKeys("HX123");
    click(browser.findElement(By.id("create")));
    wait.until(d -> d.findElement(By.id("form-result")).getText().startsWith("Recusado: "));
    assertThat(browser.findElement(By.id("form-result")).getText()).contains("contentSid");
  }

  @Test
  void thePagesSpeakEnglishWhenAsked() {
    browser.get(base() + "/simulator?lang=en");
    wait.until(
        d -> d.findElement(By.id("open-conversation")).getText().equals("Open conversation"));
    browser.get(base() + "/login");
    assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("Sign in");
    browser.get(base() + "/simulator?lang=pt-BR");
    wait.until(d -> d.findElement(By.id("open-conversation")).getText().equals("Abrir conversa"));
  }

  private Simulator openSimulator() {
    browser.get(base() + "/simulator");
    wait.until(d -> d.findElement(By.id("customer-id")).getAttribute("value").length() > 0);
    return new Simulator();
  }

  private void login(String username, String password) {
    browser.findElement(By.name("username")).clear();
    browser.findElement(By.name("username")).sendKeys(username);
    browser.findElement(By.name("password")).sendKeys(password);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  private String base() {
    return "http://localhost:" + port;
  }

  /**
   * Waits up to 20 s; the pages re-render what streams in, so a stale element is looked up again.
   */
  private FluentWait<WebDriver> waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class);
  }

  /** Clicks an element once scrolled into view (a carousel scrolls sideways on a phone). */
  private void click(WebElement element) {
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", element);
    element.click();
  }

  private static WebElement visible(WebDriver driver, String css) {
    return driver.findElements(By.cssSelector(css)).stream()
        .filter(WebElement::isDisplayed)
        .findFirst()
        .orElse(null);
  }

  /** The simulator page. */
  private final class Simulator {

    Customer open(String channel, String name, String id) {
      new Select(browser.findElement(By.id("channel"))).selectByValue(channel);
      WebElement nameField = browser.findElement(By.id("customer-name"));
      nameField.clear();
      nameField.sendKeys(name);
      WebElement idField = browser.findElement(By.id("customer-id"));
      idField.clear();
      idField.sendKeys(id);
      browser.findElement(By.id("open-conversation")).click();
      WebElement chat = wait.until(d -> visible(d, ".chat[data-customer='" + id + "']"));
      return new Customer(chat);
    }
  }

  /** One customer's conversation in the simulator: what they do, and what they are shown. */
  private final class Customer {

    final WebElement chat;
    private int mark;

    Customer(WebElement chat) {
      this.chat = chat;
    }

    /** From now on, only what arrives after this point counts. */
    void mark() {
      mark = chat.findElements(By.cssSelector(".messages > *")).size();
    }

    void says(String text) {
      mark();
      chat.findElement(By.cssSelector(".composer-input")).sendKeys(text + Keys.ENTER);
    }

    /** Taps the newest button of that kind with that title, once it is there. */
    void taps(String css, String title) {
      WebElement button =
          wait.until(
              d -> {
                List<WebElement> matching =
                    chat.findElements(By.cssSelector(css)).stream()
                        .filter(b -> b.isDisplayed() && b.getText().strip().equals(title))
                        .toList();
                return matching.isEmpty() ? null : matching.get(matching.size() - 1);
              });
      mark();
      click(button);
    }

    /** Waits until a reply that arrived after the last action shows this text. */
    void expects(String text) {
      waiting()
          .withMessage("no reply showing \"" + text + "\"")
          .until(
              d -> {
                List<WebElement> shown = chat.findElements(By.cssSelector(".messages > *"));
                return shown.subList(Math.min(mark, shown.size()), shown.size()).stream()
                    .anyMatch(
                        e ->
                            !e.getAttribute("class").contains(" in") && e.getText().contains(text));
              });
    }

    WebElement waitFor(String css) {
      return wait.until(
          d -> chat.findElements(By.cssSelector(css)).stream().reduce((a, b) -> b).orElse(null));
    }

    WebElement last(String css) {
      return waitFor(css);
    }

    WebElement card(String title) {
      return wait.until(
          d ->
              chat.findElements(By.cssSelector(".carousel .card")).stream()
                  .filter(c -> c.findElement(By.cssSelector(".title")).getText().equals(title))
                  .reduce((a, b) -> b)
                  .orElse(null));
    }

    /** The latest order's id, once the order panel shows it. */
    String order() {
      return wait.until(
          d -> {
            WebElement id = d.findElement(By.id("order-id"));
            return id.isDisplayed() && !id.getText().isBlank() ? id.getText() : null;
          });
    }

    void payInSandbox() {
      WebElement pay = wait.until(d -> d.findElement(By.id("order-pay")));
      wait.until(d -> pay.isEnabled());
      mark();
      pay.click();
      wait.until(
          d -> d.findElement(By.id("order-message")).getText().contains("Pagamento aprovado"));
    }

    /** Plays the POS: one status event for the latest order, from the order panel. */
    void pos(String status) {
      mark();
      browser
          .findElement(By.cssSelector("#pos-actions button[data-status='" + status + "']"))
          .click();
      wait.until(d -> d.findElement(By.id("order-message")).getText().endsWith("✓"));
    }
  }
}
