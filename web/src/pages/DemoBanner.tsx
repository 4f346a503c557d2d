/** Shown on the projects page while signed in as the demo user (a server run with --demo). */
export function DemoBanner() {
  return (
    <div class="demo-banner" role="note">
      <strong>Demo mode.</strong> You are signed in as the demo user, who manages the sample projects below.
      Press <em>Label</em> on one to start: number keys pick a label, <kbd>Ctrl+Enter</kbd> submits and brings the next task,
      <kbd>?</kbd> lists every shortcut.
    </div>
  );
}
