package dev.airlock.ui.shell;

import dev.airlock.ui.common.ProblemBanner;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The main window: a header, a side bar between My tools and Activity, and the current screen. */
public final class ShellView {

    private final BorderPane root = new BorderPane();

    /**
     * @param logo the app icon, or null
     */
    public ShellView(
            ShellViewModel model,
            ResourceBundle strings,
            Image logo,
            Parent onboarding,
            Parent tools,
            Parent activity,
            Parent settings) {
        var company = new Label();
        company.textProperty().bind(model.companyProperty());
        company.getStyleClass().add("title-4");
        var user = new Label();
        user.textProperty().bind(model.userProperty());
        user.getStyleClass().add("muted");
        var who = new VBox(2, company, user);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var signOut = new Button(strings.getString("main.signOut"));
        signOut.visibleProperty().bind(model.signedInProperty());
        signOut.managedProperty().bind(signOut.visibleProperty());
        signOut.setOnAction(event -> model.signOut());
        var header = new HBox(12, who, spacer, signOut);
        if (logo != null) {
            var icon = new ImageView(logo);
            icon.setFitWidth(32);
            icon.setFitHeight(32);
            icon.setAccessibleText(strings.getString("app.name"));
            header.getChildren().addFirst(icon);
        }
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("app-header");

        var group = new ToggleGroup();
        var toTools = navButton(strings.getString("shell.tools"), group);
        var toActivity = navButton(strings.getString("shell.activity"), group);
        toTools.setOnAction(event -> model.screenProperty().set(ShellViewModel.Screen.TOOLS));
        var toSettings = navButton(strings.getString("shell.settings"), group);
        toActivity.setOnAction(event -> model.screenProperty().set(ShellViewModel.Screen.ACTIVITY));
        toSettings.setOnAction(event -> model.screenProperty().set(ShellViewModel.Screen.SETTINGS));
        var navSpacer = new Region();
        VBox.setVgrow(navSpacer, Priority.ALWAYS);
        var nav = new VBox(toTools, toActivity, navSpacer, toSettings);
        nav.getStyleClass().add("app-nav");

        var note = new Label();
        note.textProperty().bind(model.noteProperty());
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        note.getStyleClass().add("note");
        note.visibleProperty().bind(Bindings.isNotEmpty(model.noteProperty()));
        note.managedProperty().bind(note.visibleProperty());
        var noticeText = new Label();
        noticeText.textProperty().bind(model.noticeProperty());
        noticeText.setWrapText(true);
        noticeText.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(noticeText, Priority.ALWAYS);
        var dismiss = new Button(strings.getString("shell.dismiss"));
        dismiss.getStyleClass().add("small");
        dismiss.setOnAction(event -> model.dismissNotice());
        var notice = new HBox(12, noticeText, dismiss);
        notice.setAlignment(Pos.CENTER_LEFT);
        notice.getStyleClass().add("note");
        notice.visibleProperty().bind(Bindings.isNotEmpty(model.noticeProperty()));
        notice.managedProperty().bind(notice.visibleProperty());
        var problem = new ProblemBanner(model.problemProperty(), strings);
        var banners = new VBox(8, problem, note, notice);
        banners.setPadding(new Insets(12, 24, 0, 24));
        banners.visibleProperty()
                .bind(problem.visibleProperty().or(note.visibleProperty()).or(notice.visibleProperty()));
        banners.managedProperty().bind(banners.visibleProperty());

        var center = new BorderPane();
        center.setTop(banners);
        root.setTop(header);
        root.setCenter(center);
        Runnable show = () -> {
            var screen = model.screenProperty().get();
            boolean onboardingNow = screen == null || screen == ShellViewModel.Screen.ONBOARDING;
            root.setLeft(onboardingNow ? null : nav);
            center.setCenter(
                    switch (screen == null ? ShellViewModel.Screen.ONBOARDING : screen) {
                        case ONBOARDING -> onboarding;
                        case TOOLS -> tools;
                        case ACTIVITY -> activity;
                        case SETTINGS -> settings;
                    });
            toTools.setSelected(screen == ShellViewModel.Screen.TOOLS);
            toActivity.setSelected(screen == ShellViewModel.Screen.ACTIVITY);
            toSettings.setSelected(screen == ShellViewModel.Screen.SETTINGS);
        };
        model.screenProperty().addListener((property, old, now) -> show.run());
        show.run();
    }

    public Parent root() {
        return root;
    }

    private static ToggleButton navButton(String text, ToggleGroup group) {
        var button = new ToggleButton(text);
        button.setToggleGroup(group);
        button.getStyleClass().add("flat");
        button.setMaxWidth(Double.MAX_VALUE);
        return button;
    }
}
