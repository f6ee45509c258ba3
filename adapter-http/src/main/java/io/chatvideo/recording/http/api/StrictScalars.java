package io.chatvideo.recording.http.api;

import io.chatvideo.recording.core.domain.InvalidInputException;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Request bodies are read strictly: a field of the wrong JSON type is a 400 naming that field,
 * where Micronaut Serde (2.16, which has no switch for it) would quietly turn {@code 12} into
 * {@code "12"}, {@code "12"} or {@code true} into a number, {@code 1.5} into 1 and a lone value
 * into a list of one. These deserializers take the place of the built-in ones for the types the
 * wire records use; the server reads no other JSON through Serde.
 */
@Factory
final class StrictScalars {

  @Singleton
  @Order(Ordered.HIGHEST_PRECEDENCE)
  Deserializer<String> strings() {
    return (decoder, context, type) -> {
      JsonNode value = decoder.decodeNode();
      if (!value.isString()) {
        throw new InvalidInputException(JsonNames.of(type), "must be a string");
      }
      return value.getStringValue();
    };
  }

  @Singleton
  @Order(Ordered.HIGHEST_PRECEDENCE)
  Deserializer<Long> longs() {
    return (decoder, context, type) -> wholeNumber(decoder.decodeNode(), JsonNames.of(type), Long.MAX_VALUE);
  }

  @Singleton
  @Order(Ordered.HIGHEST_PRECEDENCE)
  Deserializer<Integer> integers() {
    return (decoder, context, type) -> (int) wholeNumber(decoder.decodeNode(), JsonNames.of(type), Integer.MAX_VALUE);
  }

  @Singleton
  @Order(Ordered.HIGHEST_PRECEDENCE)
  Deserializer<List<?>> lists() {
    return new Deserializer<>() {
      @Override
      @SuppressWarnings("unchecked") // the element type is the list argument's own
      public Deserializer<List<?>> createSpecific(DecoderContext context, Argument<? super List<?>> type)
          throws SerdeException {
        Argument<Object> element = (Argument<Object>) type.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
        Deserializer<Object> items = (Deserializer<Object>) context.findDeserializer(element)
            .createSpecific(context, element);
        return (decoder, decoderContext, listType) -> list(decoder, decoderContext, items, element, JsonNames.of(type));
      }

      @Override
      public List<?> deserialize(Decoder decoder, DecoderContext context, Argument<? super List<?>> type)
          throws IOException {
        return createSpecific(context, type).deserialize(decoder, context, type);
      }
    };
  }

  /** A JSON array only, never a lone value taken for a list of one; a bad item is the list's fault. */
  private static List<Object> list(Decoder decoder, Deserializer.DecoderContext context, Deserializer<Object> items,
      Argument<Object> element, String field) throws IOException {
    Decoder array;
    try {
      array = decoder.decodeArray();
    } catch (SerdeException e) {
      throw new InvalidInputException(field, "must be a list");
    }
    List<Object> list = new ArrayList<>();
    while (array.hasNextArrayValue()) {
      try {
        list.add(items.deserializeNullable(array, context, element));
      } catch (InvalidInputException e) {
        // An item's own field (a part's etag) keeps its name; a scalar item is named after the list.
        throw e.field().equals(element.getName()) ? new InvalidInputException(field, "has an item that " + e.reason()) : e;
      } catch (SerdeException e) {
        throw fieldOfItem(e).orElseGet(() -> new InvalidInputException(field, "has an item of the wrong type"));
      }
    }
    array.finishStructure();
    return list;
  }

  /** The field of an item's own that was refused, under the wrapping of the item's deserializer. */
  private static Optional<InvalidInputException> fieldOfItem(SerdeException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof InvalidInputException invalid) {
        return Optional.of(invalid);
      }
    }
    return Optional.empty();
  }

  private static long wholeNumber(JsonNode value, String field, long max) {
    if (!value.isNumber()) {
      throw new InvalidInputException(field, "must be a whole number");
    }
    BigDecimal number;
    try {
      number = value.getBigDecimalValue();
    } catch (NumberFormatException e) {
      throw new InvalidInputException(field, "must be a whole number");
    }
    if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
      throw new InvalidInputException(field, "must be a whole number");
    }
    if (number.abs().compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new InvalidInputException(field, "is out of range");
    }
    return number.longValue();
  }
}
