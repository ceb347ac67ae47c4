package io.hsystem.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.ResultActions;

class IntelApiTest extends IntegrationTest {

  @Autowired IocMatcher matcher;
  @Autowired IntelService intel;

  private String token;

  @BeforeEach
  void signIn() throws Exception {
    // the base class empties the tables behind the matcher's back
    matcher.refresh();
    token = token("analyst");
  }

  private ResultActions create(String body) throws Exception {
    return mvc.perform(postJson(token, "/api/v1/intel/iocs", body));
  }

  private ResultActions importFile(String query, MediaType type, String body) throws Exception {
    return mvc.perform(
        authed(post("/api/v1/intel/import?" + query), token).contentType(type).content(body));
  }

  private ResultActions lookup(String value) throws Exception {
    return mvc.perform(authed(get("/api/v1/intel/lookup").param("value", value), token));
  }

  @Test
  void aCreatedIndicatorIsReturnedWholeInCanonicalForm() throws Exception {
    create(
            """
            {"value": "Evil.Example.", "confidence": 80, "severity": "high", "tags": ["c2"],
             "description": "Emotet C2", "expires_at": "2025-12-31 00:00:00"}
            """)
        .andExpect(status().isCreated());
    mvc.perform(getAs(token("auditor"), "/api/v1/intel/iocs/1"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    """
                    {"id": 1, "type": "domain", "value": "evil.example", "source": "manual",
                     "confidence": 80, "severity": "high", "tags": ["c2"],
                     "description": "Emotet C2", "first_seen": "2025-08-27 06:00:00",
                     "last_seen": "2025-08-27 06:00:00", "expires_at": "2025-12-31 00:00:00",
                     "active": true, "sightings": 0, "created_by": %d,
                     "created_at": "2025-08-27 06:00:00", "updated_at": "2025-08-27 06:00:00"}
                    """
                        .formatted(analystId),
                    JsonCompareMode.STRICT));
  }

  @Test
  void invalidIndicatorsAreRefusedNamingTheFieldAndWhy() throws Exception {
    create("{\"type\": \"ip\", \"value\": \"10.1.2.3/8\"}")
        .andExpect(status().isBadRequest())
        .andExpect(
            content()
                .json(
                    """
                    {"type": "urn:hsystem:problem:validation_failed", "status": 400,
                     "code": "validation_failed", "instance": "/api/v1/intel/iocs",
                     "detail": "value: '10.1.2.3/8' is a network: use type cidr",
                     "errors": [{"field": "value",
                                 "message": "'10.1.2.3/8' is a network: use type cidr"}]}
                    """));
    create("{\"confidence\": 50}")
        .andExpect(
            content().json("{\"errors\": [{\"field\": \"value\", \"message\": \"is required\"}]}"));
    create("{\"value\": \"198.51.100.1\", \"confidence\": 101}")
        .andExpect(content().json("{\"errors\": [{\"field\": \"confidence\"}]}"));
    create("{\"value\": \"198.51.100.1\", \"type\": \"hash\"}")
        .andExpect(
            content()
                .json(
                    "{\"errors\": [{\"field\": \"type\", \"message\": \"must be one of [ip, cidr,"
                        + " domain, url, sha256, sha1, md5]\"}]}"));
    create("{\"value\": \"198.51.100.1\", \"expires_at\": \"2025-08-27 05:59:59\"}")
        .andExpect(
            content()
                .json(
                    "{\"errors\": [{\"field\": \"expires_at\", \"message\": \"must be in the"
                        + " future\"}]}"));
    create("{\"value\": \"198.51.100.1\", \"source\": \"honeypot\"}")
        .andExpect(
            content()
                .json(
                    "{\"errors\": [{\"field\": \"source\", \"message\": \"'honeypot' is reserved"
                        + " for the attackers the honeypots record\"}]}"));
    create("{\"value\": \"198.51.100.1\", \"source\": \"my feed\"}")
        .andExpect(content().json("{\"errors\": [{\"field\": \"source\"}]}"));
    create("{\"value\": \"198.51.100.1\", \"tags\": [\"\"]}")
        .andExpect(content().json("{\"errors\": [{\"field\": \"tags\"}]}"));
    create("{\"value\": \"198.51.100.1\", \"confidence\": \"high\"}")
        .andExpect(
            content()
                .json(
                    "{\"errors\": [{\"field\": \"confidence\", \"message\": \"must be an integer\"}]}"));

    create("{\"value\": \"198.51.100.1\"}").andExpect(status().isCreated());
    create("{\"value\": \"198.51.100.1\", \"type\": \"ip\"}")
        .andExpect(status().isConflict())
        .andExpect(
            content()
                .json(
                    """
                    {"code": "intel.ioc_duplicate",
                     "detail": "source manual already has the ip indicator 198.51.100.1"}
                    """));
    create("{\"value\": \"198.51.100.1\", \"source\": \"other-feed\"}")
        .andExpect(status().isCreated());
    mvc.perform(getAs(token, "/api/v1/intel/iocs/99"))
        .andExpect(status().isNotFound())
        .andExpect(content().json("{\"code\": \"intel.ioc_not_found\"}"));
  }

  @Test
  void theListFiltersByTypeSourceTextAndStatusAndSorts() throws Exception {
    create("{\"value\": \"198.51.100.1\", \"confidence\": 10, \"tags\": [\"scanner\"]}");
    create("{\"value\": \"evil.example\", \"confidence\": 90, \"source\": \"acme\"}");
    create(
        "{\"value\": \"203.0.113.0/24\", \"confidence\": 50, \"description\": \"Mirai loaders\","
            + " \"expires_at\": \"2025-08-28 00:00:00\"}");
    clock.advance(Duration.ofDays(2));
    token = token("analyst");

    mvc.perform(getAs(token, "/api/v1/intel/iocs"))
        .andExpect(jsonPath("$.total").value(3))
        .andExpect(jsonPath("$.items[*].id").value(contains(1, 2, 3)));
    mvc.perform(getAs(token, "/api/v1/intel/iocs?type=cidr"))
        .andExpect(content().json("{\"total\": 1, \"items\": [{\"id\": 3, \"active\": false}]}"));
    mvc.perform(getAs(token, "/api/v1/intel/iocs?source=ACME"))
        .andExpect(content().json("{\"total\": 1, \"items\": [{\"id\": 2}]}"));
    mvc.perform(getAs(token, "/api/v1/intel/iocs?q=mirai"))
        .andExpect(content().json("{\"total\": 1, \"items\": [{\"id\": 3}]}"));
    mvc.perform(getAs(token, "/api/v1/intel/iocs?q=scanner"))
        .andExpect(content().json("{\"total\": 1, \"items\": [{\"id\": 1}]}"));
    mvc.perform(getAs(token, "/api/v1/intel/iocs?q=EVIL"))
        .andExpect(content().json("{\"total\": 1, \"items\": [{\"id\": 2}]}"));
    mvc.perform(getAs(token, "/api/v1/intel/iocs?status=expired"))
        .andExpect(content().json("{\"total\": 1, \"items\": [{\"id\": 3}]}"));
    mvc.perform(getAs(token, "/api/v1/intel/iocs?status=active"))
        .andExpect(content().json("{\"total\": 2, \"items\": [{\"id\": 1}, {\"id\": 2}]}"));
    mvc.perform(getAs(token, "/api/v1/intel/iocs?sort=confidence&order=desc"))
        .andExpect(jsonPath("$.items[*].id").value(contains(2, 3, 1)));
    mvc.perform(getAs(token, "/api/v1/intel/iocs?sort=value"))
        .andExpect(
            jsonPath("$.items[*].value")
                .value(contains("198.51.100.1", "203.0.113.0/24", "evil.example")));
    mvc.perform(getAs(token, "/api/v1/intel/iocs?sort=confidence&page=2&size=2"))
        .andExpect(content().json("{\"total\": 3, \"items\": [{\"id\": 2}]}"));
    mvc.perform(getAs(token, "/api/v1/intel/iocs?sort=colour"))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"errors\": [{\"field\": \"sort\"}]}"));
    mvc.perform(getAs(token, "/api/v1/intel/iocs?order=up"))
        .andExpect(content().json("{\"errors\": [{\"field\": \"order\"}]}"));
    mvc.perform(getAs(token, "/api/v1/intel/iocs?status=old"))
        .andExpect(content().json("{\"errors\": [{\"field\": \"status\"}]}"));
  }

  @Test
  void updatesAndDeletesReachTheMatcherAtOnce() throws Exception {
    create("{\"value\": \"evil.example\", \"confidence\": 40}").andExpect(status().isCreated());
    lookup("www.evil.example")
        .andExpect(
            content()
                .json(
                    """
                    {"type": "domain", "value": "www.evil.example",
                     "hits": [{"ioc_id": 1, "type": "domain", "value": "evil.example",
                               "source": "manual", "confidence": 40, "severity": "medium",
                               "tags": [], "description": null}]}
                    """,
                    JsonCompareMode.STRICT));

    mvc.perform(
            authed(put("/api/v1/intel/iocs/1"), token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"value\": \"evil.example\", \"confidence\": 95, \"tags\": [\"apt\"]}"))
        .andExpect(status().isOk())
        .andExpect(
            content().json("{\"confidence\": 95, \"tags\": [\"apt\"], \"source\": \"manual\"}"));
    lookup("evil.example").andExpect(content().json("{\"hits\": [{\"confidence\": 95}]}"));

    mvc.perform(authed(delete("/api/v1/intel/iocs/1"), token)).andExpect(status().isNoContent());
    lookup("www.evil.example").andExpect(jsonPath("$.hits").isEmpty());
    mvc.perform(authed(delete("/api/v1/intel/iocs/1"), token))
        .andExpect(status().isNotFound())
        .andExpect(content().json("{\"code\": \"intel.ioc_not_found\"}"));

    mvc.perform(getAs(token("auditor"), "/api/v1/audit?action=intel.ioc_update&outcome=success"))
        .andExpect(
            content()
                .json(
                    "{\"total\": 1, \"items\": [{\"target_type\": \"ioc\", \"target_id\": \"1\","
                        + " \"details\": {\"value\": \"evil.example\"}}]}"));
    mvc.perform(getAs(token("auditor"), "/api/v1/audit?action=intel.ioc_delete"))
        .andExpect(content().json("{\"total\": 2}"));
  }

  @Test
  void lookupsFollowNetworksParentDomainsAndUrlHosts() throws Exception {
    create("{\"value\": \"203.0.113.0/24\"}");
    create("{\"value\": \"bad.example\"}");
    lookup("203.0.113.77")
        .andExpect(content().json("{\"type\": \"ip\", \"hits\": [{\"ioc_id\": 1}]}"));
    lookup("203.0.114.1").andExpect(jsonPath("$.hits").isEmpty());
    lookup("hxxps://cdn.bad[.]example/x.zip")
        .andExpect(
            content()
                .json(
                    "{\"type\": \"url\", \"value\": \"https://cdn.bad.example/x.zip\","
                        + " \"hits\": [{\"ioc_id\": 2}]}"));
    lookup("not a value")
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"errors\": [{\"field\": \"value\"}]}"));
    mvc.perform(getAs(token, "/api/v1/intel/lookup"))
        .andExpect(status().isBadRequest())
        .andExpect(
            content().json("{\"errors\": [{\"field\": \"value\", \"message\": \"is required\"}]}"));
  }

  @Test
  void aStixBundleIsImportedIndicatorByIndicatorAndReimportingUpdates() throws Exception {
    String bundle = IntelSamples.text("stix/bundle.json");
    importFile("format=stix&source=acme-cert", MediaType.APPLICATION_JSON, bundle)
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    """
                    {"format": "stix", "source": "acme-cert", "records": 4, "accepted": 8,
                     "updated": 0, "skipped": 0, "rejected": 0, "results": [
                      {"index": 1, "location": "objects[2]", "outcome": "accepted", "type": "ip",
                       "value": "198.51.100.23", "ioc_id": 1, "detail": null},
                      {"index": 1, "location": "objects[2]", "outcome": "accepted", "type": "cidr",
                       "value": "203.0.113.0/24", "ioc_id": 2, "detail": null},
                      {"index": 2, "location": "objects[3]", "outcome": "accepted",
                       "type": "sha256",
                       "value": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                       "ioc_id": 3, "detail": null},
                      {"index": 2, "location": "objects[3]", "outcome": "accepted", "type": "md5",
                       "value": "900150983cd24fb0d6963f7d28e17f72", "ioc_id": 4, "detail": null},
                      {"index": 2, "location": "objects[3]", "outcome": "accepted", "type": "sha1",
                       "value": "a9993e364706816aba3e25717850c26c9cd0d89d", "ioc_id": 5,
                       "detail": null},
                      {"index": 3, "location": "objects[4]", "outcome": "accepted",
                       "type": "domain", "value": "login.bank.example", "ioc_id": 6,
                       "detail": null},
                      {"index": 3, "location": "objects[4]", "outcome": "accepted", "type": "url",
                       "value": "https://login.bank.example/verify?acct=1", "ioc_id": 7,
                       "detail": null},
                      {"index": 4, "location": "objects[5]", "outcome": "accepted", "type": "ip",
                       "value": "2001:db8::7", "ioc_id": 8, "detail": null}]}
                    """,
                    JsonCompareMode.STRICT));
    mvc.perform(getAs(token, "/api/v1/intel/iocs/1"))
        .andExpect(
            content()
                .json(
                    """
                    {"source": "acme-cert", "confidence": 85, "severity": "medium",
                     "tags": ["emotet", "c2"],
                     "description": "Emotet C2 — Command and control server of the epoch 5 botnet",
                     "expires_at": "2030-01-01 00:00:00", "created_by": %d}
                    """
                        .formatted(analystId)));
    mvc.perform(getAs(token, "/api/v1/intel/iocs/3"))
        .andExpect(content().json("{\"confidence\": 50, \"expires_at\": null}"));

    clock.advance(Duration.ofHours(1));
    importFile("format=stix&source=acme-cert", MediaType.APPLICATION_JSON, bundle)
        .andExpect(
            content().json("{\"records\": 4, \"accepted\": 0, \"updated\": 8, \"rejected\": 0}"));
    mvc.perform(getAs(token, "/api/v1/intel/iocs/1"))
        .andExpect(
            content()
                .json(
                    "{\"first_seen\": \"2025-08-27 06:00:00\", \"last_seen\": \"2025-08-27"
                        + " 07:00:00\"}"));
    lookup("a9993e364706816aba3e25717850c26c9cd0d89d")
        .andExpect(content().json("{\"type\": \"sha1\", \"hits\": [{\"ioc_id\": 5}]}"));
  }

  @Test
  void unsupportedStixIndicatorsAreReportedAndTheRestStored() throws Exception {
    importFile(
            "format=stix&source=acme-cert",
            MediaType.APPLICATION_JSON,
            IntelSamples.text("stix/unsupported.json"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    """
                    {"records": 14, "accepted": 1, "updated": 0, "skipped": 1, "rejected": 12}
                    """))
        .andExpect(jsonPath("$.results[0].outcome").value("accepted"))
        .andExpect(jsonPath("$.results[0].value").value("192.0.2.10"))
        .andExpect(jsonPath("$.results[1].outcome").value("rejected"))
        .andExpect(jsonPath("$.results[1].ioc_id").isEmpty())
        .andExpect(
            jsonPath("$.results[1].detail")
                .value(
                    "unsupported pattern: AND inside an observation is not supported (only OR of"
                        + " '=' comparisons)"))
        .andExpect(jsonPath("$.results[10].outcome").value("skipped"));
    mvc.perform(getAs(token, "/api/v1/intel/iocs"))
        .andExpect(content().json("{\"total\": 1, \"items\": [{\"confidence\": 70}]}"));
  }

  @Test
  void aMispEventIsImportedWithItsObjectsAndDuplicatesMerged() throws Exception {
    importFile(
            "format=misp&source=circl-osint&confidence=60",
            MediaType.APPLICATION_JSON,
            IntelSamples.text("misp/event.json"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    """
                    {"format": "misp", "source": "circl-osint", "records": 13, "accepted": 7,
                     "updated": 0, "skipped": 4, "rejected": 3}
                    """));
    String body =
        mvc.perform(
                authed(post("/api/v1/intel/import?format=misp&source=circl-osint"), token)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(IntelSamples.text("misp/event.json")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    var results = json.readTree(body).get("results");
    var merged = results.get(results.size() - 2);
    assertThat(merged.get("location").asString()).isEqualTo("Event.Object[1].Attribute[0]");
    assertThat(merged.get("outcome").asString()).isEqualTo("skipped");
    assertThat(merged.get("detail").asString())
        .isEqualTo("the same indicator as record 2; merged into it");

    mvc.perform(getAs(token, "/api/v1/intel/iocs?type=ip&sort=value"))
        .andExpect(
            jsonPath("$.items[*].value")
                .value(contains("198.51.100.23", "2001:db8::bad", "203.0.113.9")))
        .andExpect(
            content()
                .json(
                    """
                    {"total": 3, "items": [
                      {"value": "198.51.100.23", "severity": "high", "confidence": 50,
                       "tags": ["tlp:white", "misp-galaxy:malpedia=\\"QakBot\\"", "c2"],
                       "description": "OSINT - Qakbot distribution campaign — C2"},
                      {"value": "2001:db8::bad"},
                      {"value": "203.0.113.9"}]}
                    """));
    lookup("www.cdn.qbot.example")
        .andExpect(content().json("{\"hits\": [{\"source\": \"circl-osint\"}]}"));
  }

  @Test
  void csvAndPlainListsAreImportedWithDefaultsForWhatTheyDoNotSay() throws Exception {
    importFile(
            "format=csv&source=partner",
            MediaType.valueOf("text/csv"),
            IntelSamples.text("csv/good.csv"))
        .andExpect(status().isOk())
        .andExpect(content().json("{\"records\": 6, \"accepted\": 6, \"rejected\": 0}"));
    mvc.perform(getAs(token, "/api/v1/intel/iocs?source=partner&type=domain&sort=value"))
        .andExpect(
            content()
                .json(
                    """
                    {"total": 2, "items": [
                      {"value": "login.bank.example", "confidence": 75,
                       "tags": ["phishing", "banking"], "expires_at": "2030-06-30 00:00:00"},
                      {"value": "phish.example", "confidence": 50, "severity": "medium",
                       "expires_at": null}]}
                    """));

    importFile(
            "format=list&source=firewall",
            MediaType.TEXT_PLAIN,
            IntelSamples.text("list/broken.txt"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    """
                    {"records": 10, "accepted": 2, "rejected": 8}
                    """))
        .andExpect(
            jsonPath("$.results[*].outcome")
                .value(
                    contains(
                        "accepted",
                        "accepted",
                        "rejected",
                        "rejected",
                        "rejected",
                        "rejected",
                        "rejected",
                        "rejected",
                        "rejected",
                        "rejected")))
        .andExpect(jsonPath("$.results[2].location").value("line 4"))
        .andExpect(
            jsonPath("$.results[2].detail").value("'256.1.1.1' is not an IPv4 or IPv6 address"));
    mvc.perform(getAs(token, "/api/v1/intel/sources"))
        .andExpect(
            content()
                .json(
                    """
                    {"total": 2, "items": [
                      {"source": "firewall", "total": 2, "active": 2,
                       "last_updated": "2025-08-27 06:00:00"},
                      {"source": "partner", "total": 6, "active": 6,
                       "last_updated": "2025-08-27 06:00:00"}]}
                    """,
                    JsonCompareMode.STRICT));
  }

  @Test
  void anIndicatorAlreadyExpiredIsStoredButSaidNotToMatch() throws Exception {
    importFile(
            "format=csv&source=partner",
            MediaType.valueOf("text/csv"),
            "value,expires_at\n198.51.100.9,2025-01-01\n")
        .andExpect(jsonPath("$.accepted").value(1))
        .andExpect(
            jsonPath("$.results[0].detail")
                .value("already expired at 2025-01-01 00:00:00: it will not match"));
    lookup("198.51.100.9").andExpect(jsonPath("$.hits").isEmpty());
  }

  @Test
  void importsThatCannotBeReadAreRefusedWhole() throws Exception {
    importFile(
            "format=stix&source=x",
            MediaType.APPLICATION_JSON,
            IntelSamples.text("stix/truncated.json"))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"code\": \"intel.import_malformed\"}"));
    importFile(
            "format=misp&source=x",
            MediaType.APPLICATION_JSON,
            IntelSamples.text("misp/not-an-event.json"))
        .andExpect(status().isBadRequest())
        .andExpect(
            content()
                .json(
                    "{\"code\": \"intel.import_malformed\", \"detail\": \"not a MISP event:"
                        + " expected a JSON object with an \\\"Event\\\" object\"}"));
    importFile(
            "format=csv&source=x",
            MediaType.valueOf("text/csv"),
            IntelSamples.text("csv/unknown-column.csv"))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"code\": \"intel.import_malformed\"}"));
    importFile("format=list&source=x", MediaType.TEXT_PLAIN, "")
        .andExpect(
            content()
                .json("{\"code\": \"intel.import_malformed\", \"detail\": \"the body is empty\"}"));
    mvc.perform(
            authed(post("/api/v1/intel/import?format=list&source=x"), token)
                .contentType(MediaType.TEXT_PLAIN)
                .content(new byte[] {'1', '.', (byte) 0xC3, (byte) 0x28}))
        .andExpect(content().json("{\"detail\": \"the body is not UTF-8 text\"}"));
    importFile("format=xml&source=x", MediaType.TEXT_PLAIN, "198.51.100.1")
        .andExpect(
            content()
                .json(
                    "{\"errors\": [{\"field\": \"format\", \"message\": \"must be one of [list,"
                        + " csv, stix, misp]\"}]}"));
    importFile("source=x", MediaType.TEXT_PLAIN, "198.51.100.1")
        .andExpect(
            content()
                .json("{\"errors\": [{\"field\": \"format\", \"message\": \"is required\"}]}"));
    importFile("format=list&source=honeypot", MediaType.TEXT_PLAIN, "198.51.100.1")
        .andExpect(content().json("{\"errors\": [{\"field\": \"source\"}]}"));
    importFile("format=list&source=x&confidence=200", MediaType.TEXT_PLAIN, "198.51.100.1")
        .andExpect(content().json("{\"errors\": [{\"field\": \"confidence\"}]}"));
    importFile("format=list&source=x", MediaType.APPLICATION_FORM_URLENCODED, "198.51.100.1")
        .andExpect(status().isUnsupportedMediaType());
    mvc.perform(getAs(token, "/api/v1/intel/iocs")).andExpect(content().json("{\"total\": 0}"));
  }

  @Test
  void oversizedImportsAreRefusedWith413AndNothingStored() throws Exception {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i <= 50_000; i++) {
      list.append("10.")
          .append(i >> 16)
          .append('.')
          .append(i >> 8 & 255)
          .append('.')
          .append(i & 255)
          .append('\n');
    }
    importFile("format=list&source=big", MediaType.TEXT_PLAIN, list.toString())
        .andExpect(status().isPayloadTooLarge())
        .andExpect(
            content()
                .json(
                    "{\"code\": \"intel.import_too_large\", \"detail\": \"an import holds at most"
                        + " 50000 records\"}"));
    importFile("format=list&source=big", MediaType.TEXT_PLAIN, "#".repeat(1_048_577))
        .andExpect(status().isPayloadTooLarge());
    mvc.perform(getAs(token, "/api/v1/intel/iocs")).andExpect(content().json("{\"total\": 0}"));
  }

  @Test
  void deletingASourceDeletesItsIndicatorsAndIsAudited() throws Exception {
    importFile("format=list&source=old-feed", MediaType.TEXT_PLAIN, "198.51.100.1\nevil.example\n");
    create("{\"value\": \"198.51.100.1\"}");

    mvc.perform(authed(delete("/api/v1/intel/sources/old-feed"), token))
        .andExpect(status().isOk())
        .andExpect(
            content().json("{\"source\": \"old-feed\", \"deleted\": 2}", JsonCompareMode.STRICT));
    lookup("198.51.100.1").andExpect(content().json("{\"hits\": [{\"source\": \"manual\"}]}"));
    mvc.perform(getAs(token("auditor"), "/api/v1/audit?action=intel.source_delete"))
        .andExpect(
            content()
                .json(
                    "{\"total\": 1, \"items\": [{\"target_type\": \"ioc_source\","
                        + " \"target_id\": \"old-feed\", \"outcome\": \"success\","
                        + " \"details\": {\"deleted\": 2}}]}"));
    mvc.perform(getAs(token("auditor"), "/api/v1/audit?action=intel.import"))
        .andExpect(
            content()
                .json(
                    """
                    {"total": 1, "items": [{"target_id": "old-feed", "outcome": "success",
                      "details": {"format": "list", "records": 2, "accepted": 2, "updated": 0,
                                  "skipped": 0, "rejected": 0}}]}
                    """));
  }

  @Test
  void honeypotAttackersBecomeLowConfidenceIndicatorsCountingSightings() throws Exception {
    Instant first = START.minus(Duration.ofMinutes(5));
    Map<String, Instant> batch = new LinkedHashMap<>();
    batch.put("198.51.100.23", first);
    batch.put("::ffff:198.51.100.23", first.minusSeconds(30));
    batch.put("2001:DB8::5", first);
    batch.put("127.0.0.1", first);
    batch.put("0.0.0.0", first);
    batch.put("not an address", first);
    assertThat(intel.recordHoneypotAttackers(batch)).isEqualTo(2);

    clock.advance(Duration.ofHours(2));
    Instant later = START.plus(Duration.ofHours(1));
    assertThat(intel.recordHoneypotAttackers(Map.of("198.51.100.23", later))).isEqualTo(1);

    mvc.perform(getAs(token, "/api/v1/intel/iocs?source=honeypot&sort=value"))
        .andExpect(
            content()
                .json(
                    """
                    {"total": 2, "items": [
                      {"type": "ip", "value": "198.51.100.23", "source": "honeypot",
                       "confidence": 30, "severity": "low", "sightings": 2,
                       "first_seen": "2025-08-27 05:55:00", "last_seen": "2025-08-27 07:00:00",
                       "expires_at": "2025-09-26 07:00:00", "created_by": null},
                      {"value": "2001:db8::5", "sightings": 1,
                       "expires_at": "2025-09-26 05:55:00"}]}
                    """));

    // an analyst's judgement outlives later sightings
    mvc.perform(
            authed(put("/api/v1/intel/iocs/1"), token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"value\": \"198.51.100.23\", \"confidence\": 90}"))
        .andExpect(status().isOk())
        .andExpect(content().json("{\"source\": \"honeypot\", \"confidence\": 90}"));
    intel.recordHoneypotAttackers(Map.of("198.51.100.23", later.plusSeconds(60)));
    matcher.refresh();
    lookup("198.51.100.23")
        .andExpect(content().json("{\"hits\": [{\"source\": \"honeypot\", \"confidence\": 90}]}"));
  }
}
