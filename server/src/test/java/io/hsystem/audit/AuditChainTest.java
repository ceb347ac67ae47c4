package io.hsystem.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.support.IntegrationTest;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.test.json.JsonCompareMode;

class AuditChainTest extends IntegrationTest {

  @Autowired AuditLog auditLog;

  private void someActivity() throws Exception {
    String token = token("analyst");
    for (int i = 1; i <= 5; i++) {
      mvc.perform(
              postJson(
                  token, "/api/v1/assets", "{\"name\": \"host-" + i + "\", \"type\": \"server\"}"))
          .andExpect(status().isCreated());
    }
  }

  @Test
  void everyChangeIsRecordedWithWhoWhatWhereAndOutcome() throws Exception {
    String token = token("analyst");
    mvc.perform(postJson(token, "/api/v1/assets", "{\"name\": \"db-01\", \"type\": \"server\"}"))
        .andExpect(status().isCreated());
    mvc.perform(
            postJson(
                token,
                "/api/v1/users",
                "{\"username\": \"x\", \"password\": \"y\", \"role\": \"admin\"}"))
        .andExpect(status().isForbidden());
    mvc.perform(postJson(token, "/api/v1/assets", "{\"name\": \"\", \"type\": \"server\"}"))
        .andExpect(status().isBadRequest());

    mvc.perform(getAs(token("auditor"), "/api/v1/audit?actor=analyst&size=3"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    """
                    {"total": 4, "items": [
                      {"actor_username": "analyst", "source_ip": "127.0.0.1", "action": "asset.create",
                       "target_type": "asset", "target_id": null, "outcome": "failure",
                       "details": {"status": 400, "method": "POST", "path": "/api/v1/assets"}},
                      {"actor_username": "analyst", "action": "user.create", "outcome": "denied",
                       "details": {"status": 403}},
                      {"actor_user_id": %d, "actor_username": "analyst", "action": "asset.create",
                       "target_type": "asset", "target_id": "1", "outcome": "success",
                       "event_time": "2025-08-27 06:00:00",
                       "details": {"name": "db-01", "method": "POST", "path": "/api/v1/assets"}}
                    ]}
                    """
                        .formatted(analystId),
                    JsonCompareMode.LENIENT));
  }

  @Test
  void anUntouchedChainVerifies() throws Exception {
    someActivity();
    mvc.perform(getAs(token("auditor"), "/api/v1/audit/verify"))
        .andExpect(
            content()
                .json(
                    "{\"valid\": true, \"checked\": 7, \"first_broken_id\": null, \"reason\": null}",
                    JsonCompareMode.STRICT));
  }

  @Test
  void theDatabaseRefusesUpdateDeleteAndTruncateOfTheAuditLog() throws Exception {
    someActivity();
    assertThatThrownBy(() -> jdbc.update("UPDATE audit_log SET action = 'x' WHERE id = 2"))
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_log WHERE id = 2"))
        .rootCause()
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit_log"))
        .rootCause()
        .hasMessageContaining("append-only");
  }

  @Test
  void anAlteredRowIsNamedByVerify() throws Exception {
    someActivity();
    // the database owner can switch the guard off; the chain still gives them away
    tamper("UPDATE audit_log SET actor_username = 'someone-else' WHERE id = 4");
    mvc.perform(getAs(token("auditor"), "/api/v1/audit/verify"))
        .andExpect(
            content()
                .json(
                    """
                    {"valid": false, "checked": 3, "first_broken_id": 4,
                     "reason": "hash mismatch: the row was altered"}
                    """,
                    JsonCompareMode.STRICT));
  }

  @Test
  void aDeletedRowBreaksTheLinkOfTheNextOne() throws Exception {
    someActivity();
    tamper("DELETE FROM audit_log WHERE id = 3");
    mvc.perform(getAs(token("auditor"), "/api/v1/audit/verify"))
        .andExpect(
            content()
                .json(
                    "{\"valid\": false, \"first_broken_id\": 4,"
                        + " \"reason\": \"link broken: a row before it was removed or altered\"}"));
  }

  @Test
  void aRowWhoseHashWasRecomputedStillBreaksTheNextLink() throws Exception {
    someActivity();
    tamper("UPDATE audit_log SET hash = repeat('a', 64) WHERE id = 2");
    mvc.perform(getAs(token("auditor"), "/api/v1/audit/verify"))
        .andExpect(content().json("{\"valid\": false, \"first_broken_id\": 2}"));
  }

  @Test
  void retentionPurgesOnlyRowsOlderThanTheRetentionAndRecordsThePurge() throws Exception {
    clock.set(java.time.Instant.now());
    someActivity();
    // make the first three rows 200 days old (past the default 180-day retention)
    tamper("UPDATE audit_log SET event_time = event_time - interval '200 days' WHERE id <= 3");
    // re-hash those rows so the chain is intact before the purge
    rehashAll();
    assertThat(auditLog.purgeExpired()).isEqualTo(3);
    assertThat(jdbc.queryForObject("SELECT min(id) FROM audit_log", Long.class)).isEqualTo(4);
    assertThat(auditLog.verify().valid()).isTrue();
    assertThat(
            jdbc.queryForObject(
                "SELECT details FROM audit_log WHERE action = 'audit.purge'", String.class))
        .contains("\"deleted\":3");
  }

  @Test
  void rowsYoungerThanNinetyDaysCannotBePurgedEvenWithThePurgeFlag() throws Exception {
    clock.set(java.time.Instant.now());
    someActivity();
    assertThatThrownBy(
            () ->
                jdbc.execute(
                    (java.sql.Connection c) -> {
                      c.setAutoCommit(false);
                      try (var st = c.createStatement()) {
                        st.execute("SELECT set_config('hsystem.audit_purge', 'on', true)");
                        st.execute("DELETE FROM audit_log WHERE id = 1");
                      } finally {
                        c.rollback();
                        c.setAutoCommit(true);
                      }
                      return null;
                    }))
        .rootCause()
        .hasMessageContaining("append-only");
  }

  private void tamper(String sql) {
    jdbc.execute(
        (java.sql.Connection c) -> {
          try (var st = c.createStatement()) {
            st.execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
            st.execute(sql);
            st.execute("ALTER TABLE audit_log ENABLE TRIGGER USER");
          }
          return null;
        });
  }

  private void rehashAll() {
    var rows = jdbc.queryForList("SELECT * FROM audit_log ORDER BY id");
    String prev = io.hsystem.audit.internal.AuditHasher.GENESIS;
    for (var r : rows) {
      String hash =
          io.hsystem.audit.internal.AuditHasher.hash(
              prev,
              ((Number) r.get("id")).longValue(),
              ((Timestamp) r.get("event_time")).toInstant(),
              r.get("actor_user_id") == null ? null : ((Number) r.get("actor_user_id")).longValue(),
              (String) r.get("actor_username"),
              (String) r.get("source_ip"),
              (String) r.get("action"),
              (String) r.get("target_type"),
              (String) r.get("target_id"),
              (String) r.get("outcome"),
              (String) r.get("details"));
      tamper(
          "UPDATE audit_log SET prev_hash = '"
              + prev
              + "', hash = '"
              + hash
              + "' WHERE id = "
              + r.get("id"));
      prev = hash;
    }
  }
}
