package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.PoliceReport;
import cn.emcc.protocols.v1.RejectionCode;

import java.util.regex.Pattern;

/** Rules for a 110 report: its id, time, place inside the area, category, and a masked caller number. */
final class PoliceReportValidator implements PayloadValidator<PoliceReport> {

    /** Digits, '+', '-', spaces and at least one '*': the contract never carries a full phone number. */
    private static final Pattern MASKED_NUMBER = Pattern.compile("[0-9+\\- ]*\\*[0-9*+\\- ]*");
    private static final int MAX_PHONE_CHARS = 32;

    private final Checks checks;

    PoliceReportValidator(Checks checks) {
        this.checks = checks;
    }

    @Override
    public void validate(PoliceReport r, String path, Violations v) {
        ValidationLimits limits = checks.limits();
        checks.text().id(v, Violations.path(path, "report_id"), r.getReportId(), limits.maxSystemIdChars());
        checks.time().observed(v, Violations.path(path, "reported_at"), r.hasReportedAt(), r.getReportedAt(), true);
        checks.geo().location(v, Violations.path(path, "location"), r.hasLocation(), r.getLocation(), true);
        checks.enums().required(v, Violations.path(path, "category"), r.getCategoryValue(),
                IncidentCategory.getDescriptor());
        checks.text().text(v, Violations.path(path, "description"), r.getDescription(),
                limits.maxReportDescriptionChars());
        if (r.hasCasualties()) {
            CasualtiesChecks.check(checks.numbers(), v, Violations.path(path, "casualties"), r.getCasualties());
        }
        maskedNumber(v, Violations.path(path, "caller_number_masked"), r.getCallerNumberMasked());
        checks.text().text(v, Violations.path(path, "reporting_station"), r.getReportingStation(),
                limits.maxShortTextChars());
    }

    private void maskedNumber(Violations v, String path, String number) {
        if (number.isEmpty() || !checks.text().maxLength(v, path, number, MAX_PHONE_CHARS)) {
            return;
        }
        if (!MASKED_NUMBER.matcher(number).matches()) {
            v.add(RejectionCode.REJECTION_CODE_INVALID_FORMAT, path, path + " is " + TextChecks.quote(number)
                    + "; expected a masked number such as \"138****1234\" (digits and at least one '*')");
        }
    }
}
