// Steps that several tests walk through: from the home screen to each step of the wizard.

import { expectScreen } from "./harness.mjs";

export async function toSigninChoice(app, tile = "#task-dossiers") {
  await app.page.click(tile);
  await expectScreen(app, "signin-choice");
}

export async function toCredentials(app, tile = "#task-dossiers") {
  await toSigninChoice(app, tile);
  await app.page.click("#btn-signin-portal");
  await expectScreen(app, "credentials");
}

export async function toCode(app, username = "tranthibinh", tile = "#task-dossiers") {
  await toCredentials(app, tile);
  await app.page.fill("#username", username);
  await app.page.fill("#password", "Matkhau@123");
  await app.page.click("#btn-submit-password");
  await expectScreen(app, "code");
}

export async function toEnterCccd(app, username = "tranthibinh", tile = "#task-dossiers") {
  await toCode(app, username, tile);
  await app.page.fill("#otp", "123456");
  await app.page.click("#btn-submit-code");
  await expectScreen(app, "enter-cccd");
}

export async function toVneidWaiting(app, tile = "#task-dossiers") {
  await toSigninChoice(app, tile);
  await app.page.click("#btn-signin-vneid");
  await expectScreen(app, "vneid-waiting");
}

/** Emits a shell event into the page, as Rust would. */
export async function emit(app, event, payload) {
  await app.page.evaluate(([e, p]) => window.__emit(e, p), [event, payload]);
}
