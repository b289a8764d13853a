package org.workflowring.itests.karaf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ops4j.pax.exam.Option;

/** Joins Pax Exam option arrays and single options into one configuration (driver side). */
final class Options {

    private Options() {
    }

    static Option[] concat(Object... parts) {
        List<Option> all = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Option[] options) {
                all.addAll(Arrays.asList(options));
            } else if (part instanceof Option option) {
                all.add(option);
            } else {
                throw new IllegalArgumentException("not an option: " + part);
            }
        }
        return all.toArray(new Option[0]);
    }
}
