package sovereign.munin.keep.log.witness;

import java.util.List;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.export.ExportProblem;

/** A witness refused to cosign, or its own directory is unusable; its state is unchanged either way. */
public final class WitnessException extends LogException {

    private final List<ExportProblem> problems;

    public WitnessException(String message) {
        this(message, List.of());
    }

    /** A refusal because the export has {@code problems}. */
    public WitnessException(String message, List<ExportProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public WitnessException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    /** What is wrong with the export, when that is why the witness refused; otherwise empty. */
    public List<ExportProblem> problems() {
        return problems;
    }
}
