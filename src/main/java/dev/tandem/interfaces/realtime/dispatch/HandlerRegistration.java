package dev.tandem.interfaces.realtime.dispatch;

/**
 * Implemented by each capability's realtime adapter (a CDI bean) to register its handlers. The
 * {@link MessageRouter} finds every registration at start and refuses duplicates.
 */
public interface HandlerRegistration {

    void register(HandlerRegistry registry);
}
