package dev.airlock.runtime.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Everything that reaches the log while a test runs: Airlock's own messages down to DEBUG (more
 * than Airlock ever writes), and libraries' at their configured level, each with its stack trace.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger airlock = (Logger) LoggerFactory.getLogger("dev.airlock");
    private final Level airlockLevel;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public CapturedLog() {
        airlockLevel = airlock.getLevel();
        airlock.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
    }

    /** Every captured line, with stack traces, as one text. */
    public String text() {
        List<ILoggingEvent> events = List.copyOf(appender.list);
        return events.stream()
                .map(e -> e.getLoggerName() + " " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null
                                ? ""
                                : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        airlock.setLevel(airlockLevel);
    }
}
