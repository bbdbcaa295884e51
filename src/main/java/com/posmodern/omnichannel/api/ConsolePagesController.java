package com.posmodern.omnichannel.api;

import com.posmodern.omnichannel.platform.web.ConsolePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The web console's pages for people: the login page (the agents' and operators' way in, Hawtio's
 * too), the agent inbox and the operators' campaigns. Plain HTML and JavaScript served from the
 * jar, no build step; each page carries the session's CSRF token, which its forms and requests send
 * back.
 */
@RestController
public class ConsolePagesController {

  @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> login(CsrfToken csrf) throws IOException {
    return page("console/login.html", csrf, null);
  }

  @GetMapping(
      path = {"/inbox", "/inbox/"},
      produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> inbox(CsrfToken csrf, Principal agent) throws IOException {
    return page("console/inbox.html", csrf, agent.getName());
  }

  /** The operators' campaign page (the operator API, with the session and its CSRF token). */
  @GetMapping(
      path = {"/campaigns", "/campaigns/"},
      produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> campaigns(CsrfToken csrf, Principal operator) throws IOException {
    return page("console/campaigns.html", csrf, operator.getName());
  }

  @GetMapping(path = "/campaigns/campaigns.js")
  public ResponseEntity<String> campaignsScript() throws IOException {
    return script("console/campaigns.js");
  }

  @GetMapping(path = "/inbox/inbox.js")
  public ResponseEntity<String> inboxScript() throws IOException {
    return script("console/inbox.js");
  }

  private static ResponseEntity<String> script(String path) throws IOException {
    return ResponseEntity.ok()
        .contentType(MediaType.valueOf("text/javascript;charset=UTF-8"))
        .header("Cache-Control", "no-cache")
        .body(read(path));
  }

  private static ResponseEntity<String> page(String path, CsrfToken csrf, String agent)
      throws IOException {
    String html =
        read(path)
            .replace("__CSRF_PARAMETER__", HtmlUtils.htmlEscape(csrf.getParameterName()))
            .replace("__CSRF_HEADER__", HtmlUtils.htmlEscape(csrf.getHeaderName()))
            .replace("__CSRF_TOKEN__", HtmlUtils.htmlEscape(csrf.getToken()))
            .replace("__AGENT__", agent == null ? "" : HtmlUtils.htmlEscape(agent));
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Cache-Control", "no-store")
        .header("Content-Security-Policy", ConsolePolicy.CONTENT_SECURITY_POLICY)
        .body(html);
  }

  private static String read(String path) throws IOException {
    try (InputStream in = new ClassPathResource(path).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
