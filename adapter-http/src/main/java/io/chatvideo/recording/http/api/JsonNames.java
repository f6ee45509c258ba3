package io.chatvideo.recording.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.AnnotatedElement;

/** The JSON name of a wire record's field, as its {@code @JsonProperty} spells it, else its Java name. */
final class JsonNames {

  private JsonNames() {}

  static String of(AnnotatedElement field) {
    return field.getAnnotationMetadata().stringValue(JsonProperty.class).filter(name -> !name.isEmpty())
        .orElse(field.getName());
  }
}
