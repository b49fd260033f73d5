export function App() {
  return (
    <main>
      <h1>Healthcare Platform</h1>
      <p>Dashboards for patients, doctors and admins are coming soon.</p>
    </main>
  );
}
