package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.OrderProgress;
import cn.emcc.protocols.v1.OrderStage;

/** Rules for a unit's progress on an order; the position is optional but, when given, inside the area. */
final class OrderProgressValidator implements PayloadValidator<OrderProgress> {

    private final Checks checks;

    OrderProgressValidator(Checks checks) {
        this.checks = checks;
    }

    @Override
    public void validate(OrderProgress p, String path, Violations v) {
        int maxId = checks.limits().maxIdChars();
        checks.text().id(v, Violations.path(path, "order_id"), p.getOrderId(), maxId);
        checks.text().id(v, Violations.path(path, "unit_id"), p.getUnitId(), maxId);
        checks.enums().required(v, Violations.path(path, "stage"), p.getStageValue(), OrderStage.getDescriptor());
        checks.time().observed(v, Violations.path(path, "at"), p.hasAt(), p.getAt(), true);
        if (p.hasPosition()) {
            checks.geo().pointInArea(v, Violations.path(path, "position"), p.getPosition());
        }
        checks.text().text(v, Violations.path(path, "remark"), p.getRemark(), checks.limits().maxShortTextChars());
    }
}
