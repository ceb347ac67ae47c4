package io.hsystem.eventstore.lucene;

import static io.hsystem.eventstore.lucene.LuceneFields.lower;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventCodec;
import io.hsystem.protocol.EventField;
import java.net.InetAddress;
import java.time.Instant;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * One event as one Lucene document. Keyword values are indexed lower-cased for case-insensitive
 * matching; the original event is stored whole (encoded) for display, with original case.
 */
final class LuceneDocuments {

  /**
   * Fields counted by top-values queries from doc values. Unique or near-unique fields (ids,
   * command lines, raw) are left out: sorted doc values of millions of distinct long strings cost
   * more at indexing than all the rest of the document; their top values are read from the stored
   * event instead.
   */
  static final java.util.Set<EventField> AGGREGATED =
      java.util.EnumSet.of(
          EventField.EVENT_TYPE,
          EventField.EVENT_CATEGORY,
          EventField.EVENT_CODE,
          EventField.SOURCE_TYPE,
          EventField.HOST_NAME,
          EventField.HOST_IP,
          EventField.SENSOR_ID,
          EventField.SERVICE,
          EventField.PROCESS_NAME,
          EventField.PARENT_PROCESS_NAME,
          EventField.PATH,
          EventField.USER,
          EventField.SRC_IP,
          EventField.DST_IP,
          EventField.PROTOCOL,
          EventField.USERNAME,
          EventField.PASSWORD,
          EventField.HTTP_METHOD,
          EventField.DNS_QUERY,
          EventField.USER_AGENT);

  private LuceneDocuments() {}

  static Document toDocument(Event event) {
    Document doc = new Document();
    StringBuilder all = new StringBuilder();
    event.forEach(
        (field, value) -> {
          String name = field.fieldName();
          switch (field.kind()) {
            case KEYWORD -> {
              String text = (String) value;
              doc.add(new StringField(name, lower(text), Field.Store.NO));
              if (AGGREGATED.contains(field)) {
                doc.add(new SortedDocValuesField(name, docValue(text)));
              } else if (field != EventField.EVENT_ID) {
                doc.add(new StringField(LuceneFields.PRESENT, name, Field.Store.NO));
              }
              if (field != EventField.EVENT_ID && field != EventField.PASSWORD) {
                all.append(text).append('\n');
              }
            }
            case TEXT -> {
              // searched by its words (its own twin field, whose norms also answer "exists") and
              // as one whole lower-cased value; kept out of _all, which would index it twice
              String text = (String) value;
              doc.add(new StringField(name, lower(text), Field.Store.NO));
              if (AGGREGATED.contains(field)) {
                doc.add(new SortedDocValuesField(name, docValue(text)));
              }
              doc.add(new TextField(LuceneFields.words(field), text, Field.Store.NO));
            }
            case IP -> {
              String ip = (String) value;
              doc.add(new StringField(name, lower(ip), Field.Store.NO));
              doc.add(new SortedDocValuesField(name, docValue(ip)));
              InetAddress address = IpParsing.parse(ip);
              if (address != null) {
                doc.add(new InetAddressPoint(name, address));
              }
            }
            case NUMBER -> {
              long n = (Long) value;
              doc.add(new LongPoint(name, n));
              doc.add(new NumericDocValuesField(name, n));
            }
            case TIME -> {
              long millis = ((Instant) value).toEpochMilli();
              doc.add(new LongPoint(name, millis));
              doc.add(new NumericDocValuesField(name, millis));
            }
            case STORED ->
                // the value itself is kept inside the encoded source only
                doc.add(new StringField(LuceneFields.PRESENT, name, Field.Store.NO));
          }
        });
    if (!all.isEmpty()) {
      doc.add(new TextField(LuceneFields.ALL, all.toString(), Field.Store.NO));
    }
    doc.add(new StoredField(LuceneFields.SOURCE, EventCodec.encode(event)));
    return doc;
  }

  /**
   * Documents that have a value for the field. Fields with doc values (numbers, times, IPs, counted
   * keywords) or norms (the word twin of text fields) answer from those; the other keyword fields
   * are listed in {@code _present}, which thus stays small.
   */
  static Query exists(EventField field) {
    String name = field.fieldName();
    return switch (field.kind()) {
      case NUMBER, TIME, IP -> new FieldExistsQuery(name);
      case TEXT -> new FieldExistsQuery(LuceneFields.words(field));
      case KEYWORD -> {
        if (field == EventField.EVENT_ID) {
          yield new MatchAllDocsQuery();
        }
        yield AGGREGATED.contains(field)
            ? new FieldExistsQuery(name)
            : new TermQuery(new Term(LuceneFields.PRESENT, name));
      }
      case STORED -> new TermQuery(new Term(LuceneFields.PRESENT, name));
    };
  }

  static Event fromSource(BytesRef source) {
    return EventCodec.decode(source.bytes, source.offset, source.length);
  }

  private static BytesRef docValue(String value) {
    return new BytesRef(
        value.length() > LuceneFields.MAX_DOC_VALUE
            ? value.substring(0, LuceneFields.MAX_DOC_VALUE)
            : value);
  }
}
