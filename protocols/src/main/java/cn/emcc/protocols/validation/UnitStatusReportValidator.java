package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.UnitStatus;
import cn.emcc.protocols.v1.UnitStatusReport;

/** Rules for a unit status change as the owning agency reports it. */
final class UnitStatusReportValidator implements PayloadValidator<UnitStatusReport> {

    private final Checks checks;

    UnitStatusReportValidator(Checks checks) {
        this.checks = checks;
    }

    @Override
    public void validate(UnitStatusReport s, String path, Violations v) {
        int maxId = checks.limits().maxIdChars();
        checks.text().id(v, Violations.path(path, "unit_id"), s.getUnitId(), maxId);
        checks.enums().required(v, Violations.path(path, "status"), s.getStatusValue(), UnitStatus.getDescriptor());
        checks.time().observed(v, Violations.path(path, "changed_at"), s.hasChangedAt(), s.getChangedAt(), true);
        checks.text().optionalId(v, Violations.path(path, "order_id"), s.getOrderId(), maxId);
        checks.text().text(v, Violations.path(path, "remark"), s.getRemark(), checks.limits().maxShortTextChars());
    }
}
