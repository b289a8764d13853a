package org.workflowring.store;

/** Argument checks shared by the store's value types, each failing with an {@link InvalidInputException}. */
final class Checks {

    /** The longest id, event key, workflow type or owner node name the schema stores. */
    static final int MAX_NAME_CHARS = 200;

    private Checks() {
    }

    /** {@code value} itself if it is non-blank and at most {@code maxChars} long. */
    static String name(String value, String field, int maxChars) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field + " is missing");
        }
        if (value.length() > maxChars) {
            throw new InvalidInputException(field + " has " + value.length() + " characters, at most " + maxChars
                    + " are allowed: '" + value.substring(0, Math.min(40, maxChars)) + "...'");
        }
        return value;
    }

    /** {@code value} itself if it is non-blank and at most {@link #MAX_NAME_CHARS} long. */
    static String name(String value, String field) {
        return name(value, field, MAX_NAME_CHARS);
    }

    /** {@code value} itself if it is not null. */
    static <T> T present(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(field + " is missing");
        }
        return value;
    }

    /** The constant of {@code type} named {@code text}, or an error that lists the known names. */
    static <E extends Enum<E>> E status(Class<E> type, String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field + " is missing");
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw new InvalidInputException("unknown " + field + " '" + text + "', expected one of "
                + java.util.Arrays.toString(type.getEnumConstants()));
    }
}
