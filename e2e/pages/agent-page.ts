import type { Locator, Page } from "@playwright/test";

/** Page object for /agents/{id}: selectors by role and accessible name, as users and AT find them. */
export class AgentPage {
  constructor(
    readonly page: Page,
    readonly agentId = "local",
  ) {}
  goto() {
    return this.page.goto(`/agents/${this.agentId}`);
  }
  get runsTable(): Locator {
    return this.page.getByRole("table");
  }
  get bodyRows(): Locator {
    return this.runsTable.locator("tbody tr").filter({ has: this.page.getByRole("progressbar") });
  }
  progressOf(runName: string): Locator {
    return this.page.getByRole("progressbar", { name: `Progress of ${runName}`, exact: true });
  }
  columnHeader(name: string | RegExp): Locator {
    return this.runsTable.getByRole("columnheader", { name });
  }
  pauseButton(name: string | RegExp): Locator {
    return this.page.getByRole("button", { name });
  }
  get resumeButton(): Locator {
    return this.page.getByRole("button", { name: /^Resume/ });
  }
  get restartButton(): Locator {
    return this.page.getByRole("button", { name: /^Restart/ }).first();
  }
  get tagName(): Locator {
    return this.page.getByLabel("Tag name", { exact: true });
  }
  get tagValue(): Locator {
    return this.page.getByLabel("Tag value", { exact: true });
  }
  get addTag(): Locator {
    return this.page.getByRole("button", { name: "Add tag" });
  }
}
