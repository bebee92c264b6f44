package sovereign.munin.keep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one-line summaries that command lists print are whole sentences, never a description cut mid-way. */
class HelpTextTest {

  @Test
  void everyCommandsSummary_isAWholeSentence() {
    List<String> cut = new ArrayList<>();
    walk(new CommandLine(new KeepCommand()), cut);
    assertThat(cut).isEmpty();
  }

  private static void walk(CommandLine cmd, List<String> cut) {
    var usage = cmd.getCommandSpec().usageMessage();
    String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
    String summary = lines.length == 0 ? "" : lines[0].strip();
    if (!cmd.getCommandName().equals("help") && !(summary.endsWith(".") || summary.endsWith(")"))) {
      cut.add(cmd.getCommandSpec().qualifiedName() + ": \"" + summary + "\"");
    }
    cmd.getSubcommands().values().forEach(sub -> walk(sub, cut));
  }
}
