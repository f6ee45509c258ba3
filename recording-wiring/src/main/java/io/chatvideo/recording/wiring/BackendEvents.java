package io.chatvideo.recording.wiring;

import io.chatvideo.recording.core.port.out.EventOutbox;
import io.chatvideo.recording.core.port.out.WebhookEndpoints;

/**
 * Where a backend writes events with its changes and keeps the webhook endpoints: the local
 * store's SQLite file, or DynamoDB with the publish jobs on SQS (only with a job queue).
 */
public record BackendEvents(EventOutbox outbox, WebhookEndpoints endpoints) {}
