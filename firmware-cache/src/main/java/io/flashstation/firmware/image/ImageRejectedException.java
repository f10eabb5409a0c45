package io.flashstation.firmware.image;

import io.flashstation.firmware.FirmwareException;

import java.util.List;
import java.util.stream.Collectors;

/** An image that failed the checks made before any board is touched; carries every problem found. */
public class ImageRejectedException extends FirmwareException {

    private final transient List<ImageProblem> problems;

    public ImageRejectedException(String target, List<ImageProblem> problems) {
        super("image is not flashable on " + target + ": "
                + problems.stream().map(ImageProblem::message).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ImageProblem> problems() {
        return problems;
    }
}
