/** Props of {@link ConfusionMatrix}. */
export interface ConfusionMatrixProps {
  /** Rows: true classes; columns: predicted classes. */
  matrix: number[][];
  classNames: string[];
}

/**
 * A confusion matrix as a table: rows are true classes, columns predicted ones; each cell shaded
 * by its share of its row (blue on the diagonal, orange off it).
 */
export function ConfusionMatrix({ matrix, classNames }: ConfusionMatrixProps) {
  const name = (index: number) => classNames[index] ?? String(index);
  return (
    <div className="table-scroll">
      <table className="confusion-matrix" data-testid="confusion-matrix">
        <caption>Confusion matrix: rows are true classes, columns predicted classes</caption>
        <thead>
          <tr>
            <th scope="col">true \ predicted</th>
            {matrix[0]?.map((_, column) => (
              <th key={column} scope="col">
                {name(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, rowIndex) => {
            const total = row.reduce((sum, count) => sum + count, 0);
            return (
              <tr key={rowIndex}>
                <th scope="row">{name(rowIndex)}</th>
                {row.map((count, column) => {
                  const share = total > 0 ? count / total : 0;
                  const color = rowIndex === column ? '37, 99, 235' : '234, 88, 12';
                  return (
                    <td
                      key={column}
                      style={{ backgroundColor: `rgba(${color}, ${(share * 0.85).toFixed(3)})`, color: share > 0.55 ? '#ffffff' : undefined }}
                      title={`true ${name(rowIndex)}, predicted ${name(column)}: ${count} (${(share * 100).toFixed(1)}% of the row)`}
                    >
                      {count}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
