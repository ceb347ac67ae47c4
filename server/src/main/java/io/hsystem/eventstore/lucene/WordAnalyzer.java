package io.hsystem.eventstore.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Words are runs of letters and digits, lower-cased: {@code sekurlsa::logonpasswords} holds {@code
 * sekurlsa} and {@code logonpasswords}; {@code -Enc} holds {@code enc}.
 */
final class WordAnalyzer extends Analyzer {

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer tokenizer = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
    return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
  }

  @Override
  protected org.apache.lucene.analysis.TokenStream normalize(
      String fieldName, org.apache.lucene.analysis.TokenStream in) {
    return new LowerCaseFilter(in);
  }
}
