/**
 * What a person's browser gets from the server itself: the landing page at {@code /}. Builds on the capabilities'
 * public API only, like the other adapters in {@code dev.tandem.interfaces}; imports neither the REST nor the
 * realtime adapter.
 */
package dev.tandem.interfaces.web;
