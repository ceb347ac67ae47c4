package io.hsystem.eventstore.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Words are runs of letters and digits, lower-cased: {@code sekurlsa::logonpasswords} holds {@code
 * sekurlsa} and {@code logonpasswords}; {@code -Enc} holds {@code enc}.
 */
final class WordAnalyzer extends Analyzer {

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    // words as long as any field may be (8,192 characters), so that no word is ever split
    Tokenizer tokenizer =
        new CharTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, 8192) {
          @Override
          protected boolean isTokenChar(int c) {
            return Character.isLetterOrDigit(c);
          }
        };
    return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
  }

  @Override
  protected org.apache.lucene.analysis.TokenStream normalize(
      String fieldName, org.apache.lucene.analysis.TokenStream in) {
    return new LowerCaseFilter(in);
  }
}
