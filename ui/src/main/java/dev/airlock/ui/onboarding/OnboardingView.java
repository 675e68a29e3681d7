package dev.airlock.ui.onboarding;

import dev.airlock.ui.common.ProblemBanner;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The first-run pages, one at a time, centred and short. */
public final class OnboardingView {

    private final StackPane root = new StackPane();

    public OnboardingView(OnboardingViewModel model, ResourceBundle strings, Runnable onDone) {
        Node welcome = page(
                title(strings.getString("onboarding.title")),
                text(strings.getString("onboarding.intro")),
                primary(strings.getString("onboarding.start"), model::start));

        var address = new TextField();
        address.setPromptText("tools.yourcompany.com");
        address.setAccessibleText(strings.getString("onboarding.companyPrompt"));
        address.textProperty().bindBidirectional(model.companyAddressProperty());
        address.setOnAction(event -> model.continueWithAddress());
        var addressLabel = new Label(strings.getString("onboarding.companyPrompt"));
        addressLabel.setLabelFor(address);
        var demoHint = text(strings.getString("onboarding.demoHint"));
        var demo = new Button(strings.getString("onboarding.tryDemo"));
        demo.setOnAction(event -> model.tryTheDemo());
        var demoPart = new VBox(8, new Separator(), demoHint, demo);
        demoPart.visibleProperty().bind(model.demoAvailableProperty());
        demoPart.managedProperty().bind(demoPart.visibleProperty());
        Node company = page(
                title(strings.getString("onboarding.companyTitle")),
                text(strings.getString("onboarding.companyIntro")),
                addressLabel,
                address,
                primary(strings.getString("onboarding.continue"), model::continueWithAddress),
                demoPart);

        var signInTitle = title("");
        signInTitle
                .textProperty()
                .bind(javafx.beans.binding.Bindings.createStringBinding(
                        () -> MessageFormat.format(
                                strings.getString("onboarding.signInTitle"),
                                model.companyNameProperty().get()),
                        model.companyNameProperty()));
        Node signIn = page(
                signInTitle,
                text(strings.getString("onboarding.signInIntro")),
                primary(strings.getString("onboarding.signIn"), model::signIn));

        var waitingFor = text("");
        waitingFor.textProperty().bind(model.waitingForProperty());
        var spinner = new ProgressIndicator();
        spinner.setMaxSize(36, 36);
        Node waiting = page(spinner, title(strings.getString("onboarding.waitingTitle")), waitingFor);

        var welcomeBack = title("");
        welcomeBack.textProperty().bind(model.welcomeProperty());
        Node done = page(welcomeBack, primary(strings.getString("onboarding.toTools"), onDone));

        var problem = new ProblemBanner(model.problemProperty(), strings);
        problem.setMaxWidth(460);
        var pages = new StackPane(welcome, company, signIn, waiting, done);
        Runnable showStep = () -> {
            welcome.setVisible(model.stepProperty().get() == OnboardingViewModel.Step.WELCOME);
            company.setVisible(model.stepProperty().get() == OnboardingViewModel.Step.COMPANY);
            signIn.setVisible(model.stepProperty().get() == OnboardingViewModel.Step.SIGN_IN);
            waiting.setVisible(model.stepProperty().get() == OnboardingViewModel.Step.WAITING);
            done.setVisible(model.stepProperty().get() == OnboardingViewModel.Step.DONE);
            if (company.isVisible()) {
                address.requestFocus();
            }
        };
        model.stepProperty().addListener((property, old, now) -> showStep.run());
        showStep.run();
        var column = new VBox(16, pages, problem);
        column.setAlignment(Pos.CENTER);
        column.setMaxWidth(480);
        root.getChildren().add(column);
        root.setPadding(new Insets(32));
        root.getStyleClass().add("onboarding");
    }

    public Parent root() {
        return root;
    }

    private static VBox page(Node... children) {
        var page = new VBox(14, children);
        page.setAlignment(Pos.CENTER_LEFT);
        page.setMaxWidth(460);
        page.getStyleClass().add("onboarding-page");
        return page;
    }

    private static Label title(String text) {
        var label = new Label(text);
        label.getStyleClass().add("title-2");
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label text(String text) {
        var label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private static HBox primary(String text, Runnable action) {
        var button = new Button(text);
        button.getStyleClass().add("accent");
        button.setDefaultButton(true);
        button.setOnAction(event -> action.run());
        return new HBox(button);
    }
}
