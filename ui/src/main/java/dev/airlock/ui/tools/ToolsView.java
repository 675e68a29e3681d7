package dev.airlock.ui.tools;

import atlantafx.base.controls.ToggleSwitch;
import dev.airlock.runtime.control.HiddenToolView;
import dev.airlock.runtime.control.SecretNeed;
import dev.airlock.ui.common.Problem;
import dev.airlock.ui.common.ProblemBanner;
import dev.airlock.ui.secrets.SecretDialog;
import dev.airlock.ui.secrets.SecretDialogViewModel;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** "My tools": a card per approved tool. */
public final class ToolsView {

    private final BorderPane root = new BorderPane();
    private final ToolsViewModel model;
    private final ResourceBundle strings;
    private final Supplier<String> company;
    private final Consumer<String> clipboard;
    private final VBox cards = new VBox(10);

    /**
     * @param company the company's name, for "Example Corp asks for it"
     * @param clipboard puts text in the system clipboard
     */
    public ToolsView(
            ToolsViewModel model, ResourceBundle strings, Supplier<String> company, Consumer<String> clipboard) {
        this.model = model;
        this.strings = strings;
        this.company = company;
        this.clipboard = clipboard;

        var title = new Label(strings.getString("shell.tools"));
        title.getStyleClass().add("title-3");
        var search = new TextField();
        search.setPromptText(strings.getString("tools.search"));
        search.setAccessibleText(strings.getString("tools.search"));
        search.textProperty().bindBidirectional(model.searchProperty());
        search.visibleProperty().bind(model.searchUseful());
        search.managedProperty().bind(search.visibleProperty());
        var copyAll = new Button(strings.getString("tools.copyAll"));
        copyAll.setMinWidth(Region.USE_PREF_SIZE);
        copyAll.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> model.cards().stream().noneMatch(card -> card.state() == ToolCard.State.ON),
                        model.cards()));
        copyAll.setOnAction(event -> model.copyConnection(null, clipboard));
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var header = new HBox(12, title, spacer, search, copyAll);
        header.setAlignment(Pos.CENTER_LEFT);

        var message = new Label();
        message.textProperty().bind(model.messageProperty());
        message.getStyleClass().add("muted");
        message.setWrapText(true);
        var problem = new ProblemBanner(model.problemProperty(), strings);
        var empty = new Label(strings.getString("main.noServers"));
        empty.setWrapText(true);
        empty.visibleProperty().bind(Bindings.isEmpty(model.cards()));
        empty.managedProperty().bind(empty.visibleProperty());

        var scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        root.setTop(new VBox(10, header, problem, message, empty));
        root.setCenter(scroll);
        BorderPane.setMargin(scroll, new Insets(12, 0, 0, 0));
        root.setPadding(new Insets(20, 24, 20, 24));

        model.visibleCards().addListener((ListChangeListener<ToolCard>) change -> render());
        model.working().addListener((javafx.collections.SetChangeListener<String>) change -> render());
        render();
    }

    public Parent root() {
        return root;
    }

    private void render() {
        cards.getChildren().setAll(model.visibleCards().stream().map(this::card).toList());
    }

    private Parent card(ToolCard tool) {
        var avatar = new Label(tool.initial());
        avatar.getStyleClass().add("tool-avatar");

        var name = new Label(tool.title());
        name.getStyleClass().add("tool-title");
        var description = wrapped(tool.description(), "muted");
        var text = new VBox(4, name, description);
        tool.permissions().forEach(line -> text.getChildren().add(wrapped("•  " + line, "tool-permission")));

        var state = new Label(tool.stateText());
        state.getStyleClass()
                .add(
                        switch (tool.state()) {
                            case ON -> "tool-state-on";
                            case NEEDS_ATTENTION -> "tool-state-attention";
                            default -> "muted";
                        });
        var stateRow = new HBox(8, state);
        stateRow.setAlignment(Pos.CENTER_LEFT);
        if (tool.state() == ToolCard.State.STARTING || model.working().contains(tool.shortName())) {
            var spinner = new ProgressIndicator();
            spinner.setMaxSize(16, 16);
            stateRow.getChildren().addFirst(spinner);
        }
        if (tool.progress() != null) {
            stateRow.getChildren().add(wrapped(tool.progress(), "muted"));
        }
        text.getChildren().add(stateRow);
        if (tool.reasonDetail() != null) {
            // a failure: the sentence, and the engine's words behind "Show details"
            text.getChildren()
                    .add(new ProblemBanner(
                            new SimpleObjectProperty<>(new Problem(tool.reason(), tool.reasonDetail())), strings));
        } else if (tool.reason() != null) {
            text.getChildren()
                    .add(wrapped(tool.reason(), tool.state() == ToolCard.State.UNAVAILABLE ? "muted" : "tool-need"));
        }
        for (SecretNeed secret : tool.secrets()) {
            text.getChildren().add(secretRow(tool, secret));
        }
        for (HiddenToolView hidden : tool.hiddenToShow()) {
            text.getChildren().add(hiddenRow(tool, hidden));
        }
        for (String warning : tool.review().warnings()) {
            text.getChildren().add(wrapped("⚠  " + warning, "tool-warning"));
        }
        if (tool.review().problem() != null) {
            text.getChildren().add(wrapped(tool.review().problem(), "tool-warning"));
        }
        HBox.setHgrow(text, Priority.ALWAYS);

        var toggle = new ToggleSwitch();
        toggle.setSelected(tool.switchedOn());
        toggle.setDisable(!tool.switchable() || model.working().contains(tool.shortName()));
        toggle.setAccessibleText(MessageFormat.format(
                strings.getString(tool.switchedOn() ? "tools.switchOff" : "tools.switchOn"), tool.title()));
        toggle.selectedProperty().addListener((property, old, on) -> model.setOn(tool.shortName(), on));
        var side = new VBox(10, toggle);
        side.setAlignment(Pos.TOP_RIGHT);
        side.setMinWidth(Region.USE_PREF_SIZE); // a long line on the card wraps; the buttons keep their words
        if (tool.state() == ToolCard.State.ON) {
            var copy = new Button(strings.getString("tools.copy"));
            copy.getStyleClass().add("small");
            copy.setAccessibleText(MessageFormat.format(strings.getString("tools.copyFor"), tool.title()));
            copy.setOnAction(event -> model.copyConnection(tool.shortName(), clipboard));
            side.getChildren().add(copy);
        }

        var card = new HBox(14, avatar, text, side);
        card.getStyleClass().add("tool-card");
        if (tool.state() == ToolCard.State.UNAVAILABLE) {
            card.getStyleClass().add("unavailable");
        }
        card.setAccessibleText(tool.title() + ", " + tool.stateText());
        return card;
    }

    private HBox secretRow(ToolCard tool, SecretNeed secret) {
        var row = new HBox(8);
        row.setAlignment(Pos.CENTER_LEFT);
        if (secret.stored()) {
            row.getChildren()
                    .add(wrapped(
                            MessageFormat.format(strings.getString("tools.secretStored"), ToolCard.purpose(secret)),
                            "muted"));
            var replace = small(strings.getString("tools.replace"), () -> ask(tool, secret));
            var remove =
                    small(strings.getString("tools.remove"), () -> model.removeSecret(tool.shortName(), secret.name()));
            row.getChildren().addAll(replace, remove);
        } else {
            row.getChildren()
                    .add(wrapped(
                            MessageFormat.format(strings.getString("card.needs"), ToolCard.purpose(secret)),
                            "tool-need"));
            var add = small(strings.getString("tools.add"), () -> ask(tool, secret));
            add.getStyleClass().add("accent");
            row.getChildren().add(add);
        }
        return row;
    }

    /** A tool Airlock hid: why, and for a new or changed one, the button that allows it. */
    private HBox hiddenRow(ToolCard tool, HiddenToolView hidden) {
        var row = new HBox(8);
        row.setAlignment(Pos.CENTER_LEFT);
        var sentence = wrapped(hidden.sentence(), hidden.approvable() ? "tool-need" : "muted");
        HBox.setHgrow(sentence, Priority.ALWAYS);
        row.getChildren().add(sentence);
        if (hidden.approvable()) {
            var approve =
                    small(strings.getString("tools.approve"), () -> model.approveTool(tool.shortName(), hidden.tool()));
            approve.getStyleClass().add("accent");
            approve.setAccessibleText(
                    MessageFormat.format(strings.getString("tools.approveFor"), hidden.tool(), tool.title()));
            approve.setMinWidth(Region.USE_PREF_SIZE);
            row.getChildren().add(approve);
        }
        return row;
    }

    private void ask(ToolCard tool, SecretNeed secret) {
        var dialog = new SecretDialog(
                new SecretDialogViewModel(
                        strings,
                        tool,
                        secret,
                        company.get(),
                        (name, value) -> model.storeSecret(tool.shortName(), name, value)),
                strings,
                root.getScene() == null ? null : root.getScene().getWindow());
        dialog.showAndWait();
    }

    private static Button small(String text, Runnable action) {
        var button = new Button(text);
        button.getStyleClass().add("small");
        button.setOnAction(event -> action.run());
        return button;
    }

    private static Label wrapped(String text, String style) {
        var label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.getStyleClass().add(style);
        return label;
    }
}
