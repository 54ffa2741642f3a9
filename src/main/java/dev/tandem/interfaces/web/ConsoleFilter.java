package dev.tandem.interfaces.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Serves the admin console, a single-page app bundled into the WAR under {@code console/} at build time (see
 * {@code src/main/frontend}). The container's default servlet sends the files; this filter adds what it does not:
 *
 * <ul>
 *   <li>the caching rules: files under {@code /console/assets/} carry a hash of their content in their names, so a
 *       browser may keep them for a year without asking again; {@code index.html}, which names them, is checked on
 *       every load ({@code no-cache}), so a new build is picked up at once;
 *   <li>a strict Content-Security-Policy (the console's own files only, no inline script or style, no framing) and
 *       {@code X-Content-Type-Options: nosniff}, so that text injected into a page cannot run;
 *   <li>deep links: any other path under {@code /console/} (say {@code /console/domains}) is answered with
 *       {@code index.html}, whose script then shows that page; a missing asset stays a 404, since a page in place of
 *       a script would only fail later and less clearly.
 * </ul>
 */
@WebFilter(
        filterName = "ConsoleFilter",
        urlPatterns = {"/console", "/console/*"})
public class ConsoleFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String ROOT = "/console";
    static final String ASSETS = ROOT + "/assets/";
    static final String INDEX = ROOT + "/index.html";

    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** A host, optionally with a port, as a Host header may carry it: anything else is left out of the policy. */
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(ROOT)) {
            // the app's relative URLs and the fallback below expect the trailing slash
            response.sendRedirect(request.getContextPath() + ROOT + "/");
            return;
        }
        securityHeaders(request, response);
        if (path.startsWith(ASSETS)) {
            if (getServletContext().getResource(path) != null) {
                response.setHeader("Cache-Control", IMMUTABLE);
            }
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-cache");
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        // every page of the app, the root included, is index.html; the default servlet sets its content type
        request.getRequestDispatcher(INDEX).forward(request, response);
    }

    static void securityHeaders(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", policy(request.getHeader("Host")));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    /**
     * The console's policy. {@code connect-src} names the WebSocket origins of the host the browser used as well as
     * {@code 'self'}: the realtime API is a WebSocket on this server, and not every browser counts {@code ws:} and
     * {@code wss:} of the page's own host as {@code 'self'}.
     */
    static String policy(String host) {
        String sockets = host != null && HOST.matcher(host).matches() ? " ws://" + host + " wss://" + host : "";
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'"
                + sockets
                + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }
}
