package io.newsalert.alert.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryCompilerTest {

    final QueryCompiler compiler = new QueryCompiler();

    @ParameterizedTest(name = "[{index}] {0} -> position {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Ukraine AND                | 11 | nothing after AND
            (Ukraine OR Russland       | 20 | unclosed parenthesis
            Ukraine)                   | 7  | stray parenthesis
            '"Truppen abzug'           | 0  | unclosed quote
            author:Scholz              | 0  | unknown field
            Ukraine body:Scholz        | 8  | unknown field, later
            NOT Ukraine                | 0  | only excludes
            '   '                      | 0  | empty
            *kraine                    | 0  | leading wildcard
            """)
    void aQueryThatCannotBeUsedIsRefusedWithWhereItWentWrong(String query, int position) {
        assertThatThrownBy(() -> compiler.compile(query))
                .isInstanceOf(QuerySyntaxException.class)
                .satisfies(e -> assertThat(((QuerySyntaxException) e).position()).isEqualTo(position))
                .hasMessageNotContaining("Cannot parse");
    }

    @Test
    void anUnknownFieldIsNamedWithTheFieldsThereAre() {
        assertThatThrownBy(() -> compiler.compile("Ukraine body:Scholz"))
                .hasMessage("unknown field 'body' at position 8; the fields are title, text, entity, topic, feed, lang");
    }

    @Test
    void aColonInsideQuotesOrEscapedIsNoField() throws Exception {
        assertThat(compiler.compile("\"body: Scholz\"").query()).isNotNull();
        assertThat(compiler.compile("topic:medtop\\:16000000").query().toString()).contains("medtop:16000000");
    }

    @Test
    void wordsWithoutOperatorAreAllRequired() throws Exception {
        assertThat(compiler.compile("Ukraine Waffenruhe").query().toString()).startsWith("+").contains(" +");
    }
}
