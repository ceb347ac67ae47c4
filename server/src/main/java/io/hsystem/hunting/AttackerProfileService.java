package io.hsystem.hunting;

import io.hsystem.eventstore.EventQuery;
import io.hsystem.eventstore.EventSearch;
import io.hsystem.eventstore.EventStore;
import io.hsystem.eventstore.SearchResult;
import io.hsystem.eventstore.TimeRange;
import io.hsystem.intel.IntelService;
import io.hsystem.intel.IocLookup;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.FieldProblem;
import io.hsystem.shared.IpAddresses;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Attacker profiles: everything the event store holds about one source address, summarised. */
@Service
public class AttackerProfileService {

  /** Entries per top list. */
  public static final int TOP = 50;

  /** Newest events returned with the profile. */
  public static final int RECENT = 20;

  /** Login events the credential pairs are counted over. */
  public static final int CREDENTIAL_WINDOW = EventSearch.MAX_WINDOW;

  private final EventStore store;
  private final IntelService intel;

  AttackerProfileService(EventStore store, IntelService intel) {
    this.store = store;
    this.intel = intel;
  }

  /** The profile of a source address; a 400 {@code hunting.attacker_ip_invalid} if it is none. */
  public AttackerProfile profile(String ip) {
    String address = ip == null ? null : ip.trim();
    if (!IpAddresses.isValid(address)) {
      throw new ApiException(
          HuntingProblem.ATTACKER_IP_INVALID,
          "ip: must be an IPv4 or IPv6 address",
          List.of(new FieldProblem("ip", "must be an IPv4 or IPv6 address")),
          Map.of());
    }
    EventQuery from = new EventQuery.Term(EventField.SRC_IP, address);
    TimeRange all = TimeRange.ALL;
    SearchResult newest = store.search(new EventSearch(from, all, 0, RECENT, false));
    SearchResult oldest = store.search(new EventSearch(from, all, 0, 1, true));
    var firstSeen =
        oldest.events().isEmpty() ? null : oldest.events().get(0).getTime(EventField.EVENT_TIME);
    var lastSeen =
        newest.events().isEmpty() ? null : newest.events().get(0).getTime(EventField.EVENT_TIME);
    SearchResult logins =
        store.search(new EventSearch(logins(from), all, 0, CREDENTIAL_WINDOW, false));
    return new AttackerProfile(
        address,
        firstSeen,
        lastSeen,
        newest.total(),
        store.topValues(EventField.SERVICE, from, all, TOP),
        credentials(logins.events()),
        logins.total() > logins.events().size(),
        store.topValues(EventField.COMMAND_LINE, from, all, TOP),
        store.topValues(EventField.SENSOR_ID, from, all, TOP),
        store.topValues(EventField.EVENT_TYPE, from, all, TOP),
        ioc(address),
        newest.events());
  }

  private static EventQuery logins(EventQuery from) {
    return new EventQuery.And(
        List.of(
            from,
            new EventQuery.Or(
                List.of(
                    new EventQuery.Exists(EventField.USERNAME),
                    new EventQuery.Exists(EventField.PASSWORD)))));
  }

  private static List<AttackerProfile.Credential> credentials(List<Event> logins) {
    Map<List<String>, Long> counts = new LinkedHashMap<>();
    for (Event e : logins) {
      List<String> pair =
          java.util.Arrays.asList(
              e.getString(EventField.USERNAME), e.getString(EventField.PASSWORD));
      counts.merge(pair, 1L, Long::sum);
    }
    return counts.entrySet().stream()
        .sorted(Map.Entry.<List<String>, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(TOP)
        .map(
            c -> new AttackerProfile.Credential(c.getKey().get(0), c.getKey().get(1), c.getValue()))
        .toList();
  }

  private IocLookup ioc(String address) {
    try {
      IocLookup lookup = intel.lookup(address);
      return lookup.hits().isEmpty() ? null : lookup;
    } catch (ApiException e) {
      return null;
    }
  }
}
