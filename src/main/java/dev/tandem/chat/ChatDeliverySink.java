package dev.tandem.chat;

/**
 * Where the {@link ChatService} hands what sessions must be told; provided by the layer that holds the connections.
 * Called in event order per chat, after the change is committed; must not block for long and must not throw.
 */
public interface ChatDeliverySink {

    void deliver(ChatDelivery delivery);
}
