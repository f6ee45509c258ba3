package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.WebhookDelivery;
import io.chatvideo.recording.core.domain.WebhookDeliveryTarget;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookEndpointId;
import io.chatvideo.recording.core.domain.WebhookResponse;
import io.chatvideo.recording.core.domain.WebhookSecret;
import io.chatvideo.recording.core.port.out.WebhookEndpoints;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The core's {@link WebhookEndpoints} in the recordings' SQLite file ({@code webhook_endpoints} and
 * {@code webhook_deliveries}, migration 5). Secrets and event names are space-separated lists, the
 * form the Standard Webhooks signature header uses for several signatures; the file is in the
 * owner-only data directory, as the signing key of the capability URLs is.
 */
public final class SqliteWebhookEndpoints implements WebhookEndpoints {

  private static final String COLUMNS = "id, url, secrets, events, created_at, disabled";

  private final SqliteDatabase database;

  private SqliteWebhookEndpoints(SqliteDatabase database) {
    this.database = database;
  }

  /** The endpoints in the same file as {@code recordings}. */
  public static SqliteWebhookEndpoints on(SqliteRecordingRepository recordings) {
    return new SqliteWebhookEndpoints(recordings.database());
  }

  @Override
  public void save(WebhookEndpoint endpoint) {
    database.write(connection -> {
      try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO webhook_endpoints (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET url = excluded.url,"
          + " secrets = excluded.secrets, events = excluded.events, disabled = excluded.disabled")) {
        upsert.setString(1, endpoint.id().value());
        upsert.setString(2, endpoint.url().toString());
        upsert.setString(3, endpoint.secrets().stream().map(WebhookSecret::value).collect(Collectors.joining(" ")));
        upsert.setString(4, endpoint.events().stream().map(EventType::wireName).sorted()
            .collect(Collectors.joining(" ")));
        upsert.setLong(5, RecordingRows.nanos(endpoint.createdAt()));
        upsert.setString(6, endpoint.disabled().orElse(null));
        return upsert.executeUpdate();
      }
    });
  }

  @Override
  public Optional<WebhookEndpoint> find(WebhookEndpointId id) {
    List<WebhookEndpoint> found = select(" WHERE id = ?", id.value());
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<WebhookEndpoint> list() {
    return select(" ORDER BY created_at, id", null);
  }

  @Override
  public boolean remove(WebhookEndpointId id) {
    return database.write(connection -> {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM webhook_endpoints WHERE id = ?")) {
        delete.setString(1, id.value());
        return delete.executeUpdate() > 0;
      }
    });
  }

  @Override
  public void recordDelivery(WebhookDelivery delivery) {
    database.write(connection -> {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_deliveries (endpoint_id,"
          + " event_id, attempt, type, at, response, status, error, latency_ms, outcome, retry_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        WebhookDeliveryTarget target = delivery.target();
        WebhookResponse response = delivery.response();
        insert.setString(1, target.endpoint().value());
        insert.setString(2, target.event().value());
        insert.setInt(3, target.attempt());
        insert.setString(4, delivery.type().wireName());
        insert.setLong(5, RecordingRows.nanos(delivery.at()));
        if (response instanceof WebhookResponse.Delivered delivered) {
          insert.setString(6, "delivered");
          insert.setInt(7, delivered.status());
          insert.setString(8, null);
        } else if (response instanceof WebhookResponse.Gone) {
          insert.setString(6, "gone");
          insert.setInt(7, 410);
          insert.setString(8, null);
        } else {
          insert.setString(6, "failed");
          insert.setObject(7, null);
          insert.setString(8, ((WebhookResponse.Failed) response).error());
        }
        insert.setLong(9, response.latency().toMillis());
        insert.setString(10, delivery.outcome().name());
        if (delivery.retryAt().isPresent()) {
          insert.setLong(11, RecordingRows.nanos(delivery.retryAt().get()));
        } else {
          insert.setObject(11, null);
        }
        return insert.executeUpdate();
      }
    });
  }

  @Override
  public List<WebhookDelivery> deliveries(WebhookEndpointId id, int limit) {
    return database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT event_id, attempt, type, at, response,"
          + " status, error, latency_ms, outcome, retry_at FROM webhook_deliveries WHERE endpoint_id = ?"
          + " ORDER BY at DESC, rowid DESC LIMIT ?")) {
        select.setString(1, id.value());
        select.setInt(2, limit);
        List<WebhookDelivery> found = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            Duration latency = Duration.ofMillis(rs.getLong("latency_ms"));
            WebhookResponse response = switch (rs.getString("response")) {
              case "delivered" -> new WebhookResponse.Delivered(rs.getInt("status"), latency);
              case "gone" -> new WebhookResponse.Gone(latency);
              default -> new WebhookResponse.Failed(rs.getString("error"), latency);
            };
            long retryAt = rs.getLong("retry_at");
            Optional<Instant> retry = rs.wasNull() ? Optional.empty()
                : Optional.of(RecordingRows.instant(retryAt));
            found.add(new WebhookDelivery(new WebhookDeliveryTarget(new EventId(rs.getString("event_id")), id,
                rs.getInt("attempt")), EventType.parse(rs.getString("type")), RecordingRows.instant(rs.getLong("at")),
                response, WebhookDelivery.Outcome.valueOf(rs.getString("outcome")), retry));
          }
        }
        return found;
      }
    });
  }

  private List<WebhookEndpoint> select(String where, String parameter) {
    return database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM webhook_endpoints"
          + where)) {
        if (parameter != null) {
          select.setString(1, parameter);
        }
        List<WebhookEndpoint> found = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            found.add(endpoint(rs));
          }
        }
        return found;
      }
    });
  }

  private static WebhookEndpoint endpoint(ResultSet rs) throws SQLException {
    String events = rs.getString("events");
    Set<EventType> types = events.isEmpty() ? Set.of()
        : Arrays.stream(events.split(" ")).map(EventType::parse).collect(Collectors.toSet());
    return new WebhookEndpoint(new WebhookEndpointId(rs.getString("id")), HttpUrl.parse(rs.getString("url")),
        Arrays.stream(rs.getString("secrets").split(" ")).map(WebhookSecret::new).toList(), types,
        RecordingRows.instant(rs.getLong("created_at")), Optional.ofNullable(rs.getString("disabled")));
  }
}
