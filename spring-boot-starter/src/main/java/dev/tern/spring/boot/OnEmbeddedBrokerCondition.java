package dev.tern.spring.boot;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the {@code tern.*} settings point at an embedded broker, a {@code vm://} URL. */
class OnEmbeddedBrokerCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        TernProperties properties = Binder.get(context.getEnvironment())
                .bind("tern", TernProperties.class).orElseGet(TernProperties::new);
        String url = properties.effectiveBrokerUrl();
        return TernConnectionFactories.isEmbedded(url)
                ? ConditionOutcome.match("Tern broker URL " + url + " is embedded")
                : ConditionOutcome.noMatch("Tern broker URL " + url + " is not embedded");
    }
}
