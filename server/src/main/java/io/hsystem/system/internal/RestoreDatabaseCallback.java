package io.hsystem.system.internal;

import io.hsystem.shared.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.stereotype.Component;

/**
 * The database half of a pending restore, run by Flyway right after it migrated — before any
 * component has read the database — on Flyway's own connection, in one transaction.
 */
@Component
class RestoreDatabaseCallback implements Callback {

  private final PendingRestore restore;

  RestoreDatabaseCallback(DataDirectory data) {
    this.restore = new PendingRestore(data.root());
  }

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.AFTER_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return false;
  }

  @Override
  public void handle(Event event, Context context) {
    if (!restore.exists()) {
      return;
    }
    try {
      restore.applyDatabase(context.getConnection());
    } catch (IOException e) {
      throw new UncheckedIOException("restore failed: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IllegalStateException("restore failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String getCallbackName() {
    return "hsystem-restore";
  }
}
