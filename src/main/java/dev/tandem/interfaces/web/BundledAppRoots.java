package dev.tandem.interfaces.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Claims the exact paths {@code /console} and {@code /demo}. Without a servlet mapped to them the container's mapper
 * sees folders of the WAR and answers an absolute 301 to {@code http://<host it sees>/console/} itself, before any
 * filter runs; with this mapping they reach {@link BundledAppsFilter}, which answers a relative redirect that keeps
 * the scheme the browser used. Only reached if the filter did not answer.
 */
@WebServlet(
        name = "BundledAppRoots",
        urlPatterns = {"/console", "/demo"})
public class BundledAppRoots extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getServletPath();
        BundledAppsFilter.redirectToSlash(request, response, path);
    }
}
