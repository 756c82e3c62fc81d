### Frases que muestra la parte en Rust: el núcleo y la aplicación. Usted; glosario en docs/spanish.md.

## Counts

common-days =
    { $count ->
        [one] { $count } día
       *[other] { $count } días
    }
