package dev.tandem.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts the REST resources of this package under {@code /api/rest}. */
@ApplicationPath("/api/rest")
public class RestApplication extends Application {
}
