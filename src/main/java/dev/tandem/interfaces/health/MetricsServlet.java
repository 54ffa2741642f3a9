package dev.tandem.interfaces.health;

import dev.tandem.interfaces.realtime.dispatch.PrometheusMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /api/metrics}: Tandem's metrics in Prometheus' text format ({@link PrometheusMetrics}), served by the
 * application on every target (Payara Micro, Payara Server, WildFly) on the HTTP port, without authentication, like
 * the servers' own {@code /metrics} and {@code /health}.
 */
@WebServlet(name = "TandemMetrics", urlPatterns = MetricsServlet.PATH)
public class MetricsServlet extends HttpServlet {

    public static final String PATH = "/api/metrics";

    private static final long serialVersionUID = 1L;

    @Inject
    transient PrometheusMetrics metrics;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(metrics.contentType());
        response.setHeader("Cache-Control", "no-cache");
        metrics.write(response.getOutputStream());
    }
}
