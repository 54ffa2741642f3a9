package dev.tandem.interfaces.web;

import dev.tandem.admin.ConsoleSignOn;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the browser apps bundled into the WAR at build time (see {@code src/main/frontend}): the admin console under
 * {@code console/} and the collaborative demo under {@code demo/}, each an {@code index.html} and its
 * {@code assets/}. The container's default servlet sends the files; this filter adds what it does not:
 *
 * <ul>
 *   <li>the caching rules: files under {@code /<app>/assets/} carry a hash of their content in their names, so a
 *       browser may keep them for a year without asking again; {@code index.html}, which names them, is checked on
 *       every load ({@code no-cache}), so a new build is picked up at once;
 *   <li>a strict Content-Security-Policy (the app's own files only, no inline script or style, no framing, no
 *       {@code eval}: the demo runs the rc.12 client with protobuf codecs compiled at build time) and
 *       {@code X-Content-Type-Options: nosniff}, so that text injected into a page cannot run;
 *   <li>compression: an asset is sent gzipped, from the copy the build wrote beside it, to a browser that accepts
 *       gzip ({@code Content-Encoding: gzip}, {@code Vary: Accept-Encoding});
 *   <li>deep links: any other path under {@code /<app>/} (say {@code /console/domains}) is answered with that app's
 *       {@code index.html}, whose script then shows that page; a missing asset stays a 404, since a page in place of
 *       a script would only fail later and less clearly.
 * </ul>
 */
@WebFilter(
        filterName = "BundledAppsFilter",
        urlPatterns = {"/console", "/console/*", "/demo", "/demo/*"})
public class BundledAppsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The apps, by the path they are served under (the folders build.mjs writes). */
    static final List<String> APPS = List.of("/console", "/demo");

    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** A host, optionally with a port, as a Host header may carry it: anything else is left out of the policy. */
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");

    /** An origin as {@link ConsoleSignOn} makes it; anything else is left out of the policy. */
    private static final Pattern ORIGIN = Pattern.compile("https?://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");

    @Inject
    ConsoleSignOn signOn;

    /** Gzipped assets by path; an empty array for an asset without a gzipped copy. */
    private final transient Map<String, byte[]> gzippedAssets = new ConcurrentHashMap<>();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String root = APPS.stream()
                .filter(app -> path.equals(app) || path.startsWith(app + "/"))
                .findFirst()
                .orElse(null);
        if (root == null) {
            // only the mapped paths reach the filter; a path such as /consoles is none of the apps'
            chain.doFilter(request, response);
            return;
        }
        if (path.equals(root)) {
            redirectToSlash(request, response, root);
            return;
        }
        securityHeaders(request, response, root.equals("/console") ? tokenEndpointOrigin() : null);
        if (path.startsWith(root + "/assets/")) {
            if (getServletContext().getResource(path) != null) {
                response.setHeader("Cache-Control", IMMUTABLE);
                // the answer depends on Accept-Encoding: caches between must keep the two apart
                response.setHeader("Vary", "Accept-Encoding");
                byte[] gzipped = acceptsGzip(request.getHeader("Accept-Encoding")) ? gzipped(path) : null;
                if (gzipped != null && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
                    response.setContentType(getServletContext().getMimeType(path));
                    response.setHeader("Content-Encoding", "gzip");
                    response.setContentLength(gzipped.length);
                    if ("GET".equals(request.getMethod())) {
                        response.getOutputStream().write(gzipped);
                    }
                    return;
                }
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
        request.getRequestDispatcher(root + "/index.html").forward(request, response);
    }

    /**
     * {@code /console} to {@code /console/} (the app's relative URLs and the fallback to {@code index.html} need the
     * slash), keeping the query. The Location is relative, so the browser keeps the scheme and host it used: behind a
     * proxy that ends TLS the container sees {@code http} and its own absolute redirect would leave https.
     * {@link BundledAppRoots} makes sure these paths reach the filter at all.
     */
    static void redirectToSlash(HttpServletRequest request, HttpServletResponse response, String root) {
        String query = request.getQueryString();
        response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
        response.setHeader("Location", request.getContextPath() + root + "/" + (query == null ? "" : "?" + query));
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    /**
     * Whether an {@code Accept-Encoding} header accepts gzip: {@code gzip}, {@code x-gzip} or {@code *}, unless
     * refused with {@code q=0}.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String entry : acceptEncoding.split(",")) {
            String[] parts = entry.trim().split(";");
            String coding = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter =
                        parts[i].trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
                refused |= parameter.matches("q=0(\\.0{0,3})?");
            }
            return !refused;
        }
        return false;
    }

    /** The gzipped copy the build wrote beside an asset ({@code NAME.gz}), kept once read; null if there is none. */
    private byte[] gzipped(String path) throws IOException {
        byte[] known = gzippedAssets.get(path);
        if (known != null) {
            return known.length == 0 ? null : known;
        }
        byte[] bytes;
        try (InputStream in = getServletContext().getResourceAsStream(path + ".gz")) {
            bytes = in == null ? new byte[0] : in.readAllBytes();
        }
        // the assets are immutable (their names carry their hash) and few: a map of all of them stays small
        gzippedAssets.put(path, bytes);
        return bytes.length == 0 ? null : bytes;
    }

    /** The SSO issuer's token endpoint, which the console fetches at the end of a sign-in; null without SSO. */
    private String tokenEndpointOrigin() {
        ConsoleSignOn.State state = signOn == null ? null : signOn.state();
        return state != null && state.enabled() ? state.settings().tokenEndpointOrigin() : null;
    }

    static void securityHeaders(HttpServletRequest request, HttpServletResponse response, String connectOrigin) {
        response.setHeader("Content-Security-Policy", policy(request.getHeader("Host"), connectOrigin));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    static String policy(String host) {
        return policy(host, null);
    }

    /**
     * The apps' policy. {@code connect-src} names the WebSocket origins of the host the browser used as well as
     * {@code 'self'}: the realtime API is a WebSocket on this server, and not every browser counts {@code ws:} and
     * {@code wss:} of the page's own host as {@code 'self'}. {@code connectOrigin}, when not null, is one more origin
     * the app may fetch: the console's SSO token endpoint, only when single sign-on is configured.
     */
    static String policy(String host, String connectOrigin) {
        String sockets = host != null && HOST.matcher(host).matches() ? " ws://" + host + " wss://" + host : "";
        String extra = connectOrigin != null && ORIGIN.matcher(connectOrigin).matches() ? " " + connectOrigin : "";
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'"
                + sockets
                + extra
                + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }
}
