import { render } from "preact";
import { config } from "zod/mini";
import { App } from "./App";
import "./styles.css";

// No `new Function` probe or JIT: works under a strict Content-Security-Policy, and our objects are tiny.
config({ jitless: true });

const root = document.getElementById("app");
if (root) render(<App />, root);
