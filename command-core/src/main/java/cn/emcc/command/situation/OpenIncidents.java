package cn.emcc.command.situation;

import java.util.List;

/**
 * The incidents that are still open, as the read side knows them: the
 * {@link WarningLinker} checks each one's warnings on every pass.
 */
public interface OpenIncidents {

    List<OpenIncidentRef> open();
}
