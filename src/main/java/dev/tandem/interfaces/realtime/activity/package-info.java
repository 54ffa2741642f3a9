/**
 * The protocol side of activities.
 *
 * <p>{@link dev.tandem.interfaces.realtime.activity.ActivityHandlers} maps the activity messages to
 * {@link dev.tandem.activity.ActivityService} calls and back; each connection's {@code ConnectionActivities} holds
 * the resource ids of the activities it joined and turns the service's pushes into messages for them, after the
 * identity cache update that names their sessions. It decides nothing about activities.
 */
package dev.tandem.interfaces.realtime.activity;
