/**
 * What a person's browser gets from the server itself: the landing page at {@code /}, the admin console at
 * {@code /console/} and the collaborative demo at {@code /demo/} (single-page apps bundled into the WAR from
 * {@code src/main/frontend}, served with their caching and security headers; the console calls the REST API from the
 * browser, the demo the realtime API through the rc.12 client). Builds on the capabilities' public API only, like
 * the other adapters in {@code dev.tandem.interfaces}; imports neither the REST nor the realtime adapter.
 */
package dev.tandem.interfaces.web;
