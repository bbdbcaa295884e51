package com.posmodern.omnichannel.platform.sqs;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when {@link SqsProperties#embeddedMode()} says the in-process ElasticMQ should run. */
class EmbeddedSqsCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return Binder.get(context.getEnvironment())
        .bind("omnichannel.sqs", SqsProperties.class)
        .map(SqsProperties::embeddedMode)
        .orElse(true);
  }
}
