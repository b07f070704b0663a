package io.osmigration.precheck.rules;

import java.util.List;

/** One migratability rule: plain facts and a destination in, findings out. Rules never call anything. */
public interface Rule {

    List<Finding> evaluate(CheckSubject subject);
}
