import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";
import { ready } from "./lib/app.svelte";

// The first screen is drawn once in the patient's language, not in English first.
void ready.then(() => mount(App, { target: document.getElementById("app")! }));
