package io.chatvideo.recording.http.api;

import io.chatvideo.recording.core.domain.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads request bodies strictly: a field of the wrong JSON type is a 400 naming that field, where
 * a lenient mapper would quietly turn {@code 12} into {@code "12"} or {@code "12"} into 12.
 * Absent and {@code null} fields are both "not given".
 */
final class JsonFields {

  static final int MAX_LIST = 10_000;

  private final JsonNode object;

  private JsonFields(JsonNode object) {
    this.object = object;
  }

  /** The body, which must be a JSON object, or an empty one when {@code optional} and nothing was sent. */
  static JsonFields of(@Nullable JsonNode body, boolean optional) {
    if (body == null || body.isNull()) {
      if (optional) {
        return new JsonFields(JsonNode.createObjectNode(java.util.Map.of()));
      }
      throw new InvalidInputException("body", "a JSON object is required");
    }
    if (!body.isObject()) {
      throw new InvalidInputException("body", "must be a JSON object");
    }
    return new JsonFields(body);
  }

  Optional<String> text(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isString()) {
      throw new InvalidInputException(field, "must be a string");
    }
    return Optional.of(value.getStringValue());
  }

  OptionalLong wholeNumber(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(wholeNumber(field, value));
  }

  Optional<List<String>> texts(String field) {
    return list(field).map(items -> {
      List<String> texts = new ArrayList<>();
      for (JsonNode item : items) {
        if (!item.isString()) {
          throw new InvalidInputException(field, "must be a list of strings");
        }
        texts.add(item.getStringValue());
      }
      return texts;
    });
  }

  Optional<List<Integer>> wholeNumbers(String field) {
    return list(field).map(items -> {
      List<Integer> numbers = new ArrayList<>();
      for (JsonNode item : items) {
        long number = wholeNumber(field, item);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
          throw new InvalidInputException(field, "has a number out of range");
        }
        numbers.add((int) number);
      }
      return numbers;
    });
  }

  Optional<List<JsonFields>> objects(String field) {
    return list(field).map(items -> {
      List<JsonFields> objects = new ArrayList<>();
      for (JsonNode item : items) {
        if (!item.isObject()) {
          throw new InvalidInputException(field, "must be a list of objects");
        }
        objects.add(new JsonFields(item));
      }
      return objects;
    });
  }

  private Optional<List<JsonNode>> list(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isArray()) {
      throw new InvalidInputException(field, "must be a list");
    }
    if (value.size() > MAX_LIST) {
      throw new InvalidInputException(field, "has more than " + MAX_LIST + " items");
    }
    List<JsonNode> items = new ArrayList<>();
    value.values().forEach(items::add);
    return Optional.of(items);
  }

  private static long wholeNumber(String field, JsonNode value) {
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
    try {
      return number.longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidInputException(field, "is out of range");
    }
  }

  private @Nullable JsonNode value(String field) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? null : value;
  }
}
