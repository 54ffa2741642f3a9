/**
 * What a person's browser gets from the server itself: the landing page at {@code /} and the admin console at
 * {@code /console/} (a single-page app bundled into the WAR from {@code src/main/frontend}, served with its caching and
 * security headers; the app calls the REST API from the browser). Builds on the capabilities' public API only, like
 * the other adapters in {@code dev.tandem.interfaces}; imports neither the REST nor the realtime adapter.
 */
package dev.tandem.interfaces.web;
