package dev.airlock.ui.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.control.FindingView;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class FindingWordsTest {

    private static final ResourceBundle STRINGS = ResourceBundle.getBundle("dev.airlock.ui.strings");
    private final FindingWords words = new FindingWords(STRINGS);

    static FindingView awsKey(String direction, String action, int count) {
        return new FindingView(
                "aws-secret-access-key",
                "AWS secret access key",
                "secret",
                direction,
                action,
                "/content/0/text",
                count);
    }

    static FindingView email(String direction, String action) {
        return new FindingView(
                "email-address", "E-mail address", "personal-data", direction, action, "/arguments/to", 1);
    }

    static ActivityView call(String server, String outcome, boolean partly, FindingView... findings) {
        return new ActivityView(
                1,
                "2026-11-22T10:00:00Z",
                "claude",
                "claude-ai",
                server,
                "tools/call",
                "get-env",
                outcome,
                12,
                "{}",
                "{}",
                List.of(findings),
                partly);
    }

    @Test
    void theBadgeCountsWhatWasHiddenAndWhatWasOnlyNoted() {
        assertThat(words.badge(call("everything", "ok", false, awsKey("to-app", "redact", 2))))
                .isEqualTo("2 secrets hidden");
        assertThat(words.badge(call("everything", "ok", false, email("to-server", "warn"))))
                .isEqualTo("1 personal data warning");
        assertThat(words.badge(call(
                        "everything",
                        "ok",
                        false,
                        awsKey("to-app", "redact", 1),
                        email("to-server", "warn"),
                        email("to-app", "warn"))))
                .isEqualTo("1 secret hidden, 2 personal data warnings");
        assertThat(words.badge(call("everything", "blocked", false, awsKey("to-server", "block", 1))))
                .isEqualTo("Blocked");
        assertThat(words.badge(call("everything", "ok", false))).isEmpty();
        assertThat(words.badge(call("everything", "ok", true))).isEqualTo("Partly inspected");
    }

    @Test
    void theDetailsSayWhatWasFoundWhereAndWhatAirlockDid() {
        assertThat(words.details(
                        call("everything", "ok", true, awsKey("to-app", "redact", 1), awsKey("to-server", "block", 3))))
                .containsExactly(
                        "AWS secret access key, in what the tool returned: hidden",
                        "AWS secret access key, in what the AI app sent to the tool: blocked (3 times)",
                        "Part of this call was too large to unpack whole (compressed or encoded data), so Airlock"
                                + " inspected only its outer text.");
    }

    @Test
    void aNotificationSaysWhatWasHiddenOrBlockedAndWhere() {
        assertThat(words.notice(call("everything", "ok", false, awsKey("to-app", "redact", 1)), "Everything"))
                .contains("Airlock hid an AWS secret access key that Everything returned");
        assertThat(words.notice(call("github", "blocked", false, awsKey("to-server", "block", 1)), "GitHub"))
                .contains("Airlock blocked a call to GitHub: it contained an AWS secret access key");
        assertThat(words.notice(call("crm", "ok", false, email("to-server", "warn")), "CRM"))
                .isEmpty();
    }

    @Test
    void aDescriptionThatHasItsOwnArticleKeepsIt() {
        assertThat(FindingWords.withArticle("A password, secret, token or API key assigned in code"))
                .isEqualTo("a password, secret, token or API key assigned in code");
        assertThat(FindingWords.withArticle("IBAN")).isEqualTo("an IBAN");
        assertThat(FindingWords.withArticle("GitHub token")).isEqualTo("a GitHub token");
    }

    @Test
    void theNotifierGivesOneNotificationPerCallAndOneForManyAtOnce() {
        var notifier = new FindingNotifier(STRINGS);
        assertThat(notifier.next(name -> "Everything")).isEmpty();

        notifier.offer(call("everything", "ok", false, awsKey("to-app", "redact", 1)));
        notifier.offer(call("everything", "ok", false, email("to-app", "warn"))); // only noted: no notification
        assertThat(notifier.next(name -> "Everything"))
                .contains("Airlock hid an AWS secret access key that Everything returned");
        assertThat(notifier.next(name -> "Everything")).isEmpty();

        for (int i = 0; i < 40; i++) {
            notifier.offer(call("everything", "ok", false, awsKey("to-app", "redact", 1)));
        }
        assertThat(notifier.next(name -> "Everything"))
                .contains("Airlock hid or blocked secrets or personal data in 40 calls. Open Activity to see them.");
        assertThat(notifier.next(name -> "Everything")).isEmpty();
    }
}
