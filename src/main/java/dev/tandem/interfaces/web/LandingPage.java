package dev.tandem.interfaces.web;

import dev.tandem.TandemVersion;
import dev.tandem.admin.TenantBootstrap;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The page at {@code /}: what this server is, its version, links to the admin console ({@code /console/}) and the
 * collaborative demo ({@code /demo/}, both served by {@link BundledAppsFilter}), the realtime URL to give the client, and links to the REST API's OpenAPI document, health
 * and metrics. Rendered on the server from the request's own scheme and host, so
 * it shows the URL as the visitor reaches the server (through a proxy too, when the proxy forwards the Host header)
 * and needs no script. The empty pattern maps exactly the application's root; every other path keeps its servlet.
 */
@WebServlet(name = "LandingPage", urlPatterns = "")
public class LandingPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The page's only style, inline, and allowed by its hash in the policy (no other inline style or script runs). */
    static final String STYLE = """

              body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1rem;
                     color: #1d2330; }
              h1 { margin-bottom: 0; } .version { color: #4b5563; margin-top: 0; }
              a { color: #1d4ed8; }
              code, pre { font: 14px ui-monospace, monospace; background: #f2f4f7; border-radius: 4px; }
              code { padding: 0.1rem 0.3rem; } pre { padding: 0.8rem 1rem; overflow-x: auto; }
              dt { font-weight: 600; margin-top: 0.8rem; }
            """;

    static final String POLICY = "default-src 'none'; style-src 'sha256-" + sha256(STYLE)
            + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = baseUrl(request);
        String realtime =
                base + "/api/realtime/" + TenantBootstrap.DEFAULT_NAMESPACE + "/" + TenantBootstrap.DEFAULT_DOMAIN;
        byte[] body = page(base, realtime).getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", POLICY);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }

    /** The server's address as the visitor used it: scheme, host and port, plus the context path. */
    static String baseUrl(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }

    static String page(String base, String realtime) {
        String b = escape(base);
        String r = escape(realtime);
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Tandem %1$s</title>
                <style>%4$s</style>
                </head>
                <body>
                <h1>Tandem</h1>
                <p class="version">version <span id="version">%1$s</span></p>
                <p>A real-time collaboration server: shared JSON models edited concurrently, presence, activities and
                chat, for the Convergence JavaScript client (<code>@convergence/convergence</code> 1.0.0-rc.12).</p>
                <p><a id="console" href="%3$s/console/">Open the admin console</a> (sign in as a server user).</p>
                <p><a id="demo" href="%3$s/demo/">Try the collaborative demo</a>: a shared code editor with cursors,
                who is here and a chat, on the default domain (open it in two windows).</p>
                <dl>
                  <dt>Realtime URL for the client (the default domain)</dt>
                  <dd><code id="realtime-url">%2$s</code></dd>
                  <dt>REST API</dt>
                  <dd><code>%3$s/api/rest</code>, described by its <a id="openapi" href="%3$s/openapi">OpenAPI
                  document</a></dd>
                  <dt>Operations</dt>
                  <dd><a id="health" href="%3$s/health">health</a> (<a href="%3$s/health/ready">ready</a>,
                  <a href="%3$s/health/live">live</a>), <a id="metrics" href="%3$s/api/metrics">metrics</a></dd>
                </dl>
                <h2>Connect</h2>
                <pre tabindex="0" role="region" aria-label="Connecting with the client">import Convergence from "@convergence/convergence";

                const domain = await Convergence.connectAnonymously("%2$s", "a display name");
                const model = await domain.models().openAutoCreate({ collection: "notes", id: "first" });</pre>
                </body>
                </html>
                """.formatted(escape(TandemVersion.VERSION), r, b, STYLE);
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
