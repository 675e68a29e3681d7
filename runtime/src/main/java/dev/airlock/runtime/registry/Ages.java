package dev.airlock.runtime.registry;

import java.time.Duration;

/** How long ago something was, as a person says it. */
public final class Ages {

    private Ages() {}

    public static String ago(Duration age) {
        long minutes = age.toMinutes();
        if (minutes < 1) {
            return "less than a minute ago"; // also when the clock went back
        }
        if (minutes < 60) {
            return count(minutes, "minute") + " ago";
        }
        long hours = age.toHours();
        if (hours < 48) {
            return count(hours, "hour") + " ago";
        }
        return count(age.toDays(), "day") + " ago";
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
